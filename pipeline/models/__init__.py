"""Where models live, and managing them: below the stages that use models.

- ``locate``: Kuma's home folder (``kuma_home``), the models folder, the Hugging Face
  cache, and ``resolve_model`` (what a ``--model`` value points at, checked on disk).
- ``catalogue``: the models Kuma knows by alias.
- ``pull``, ``store``, ``convert``, ``listing``, ``checkpoint``: what ``kuma models ...``
  calls (download, import, convert to CTranslate2, list).

Translation engines and voices import from here; nothing here imports them.  This
file imports nothing, so that importing one submodule stays cheap.
"""
