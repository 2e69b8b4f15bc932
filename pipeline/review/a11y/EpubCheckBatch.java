// Runs EPUBCheck on several books in one Java process, writing its usual JSON report
// for each: loading EPUBCheck's schemas takes most of a check's time, so a batch is
// several times faster than one `epubcheck` process per book.  A first argument
// `--usage` also reports usage messages (as `epubcheck --usage` does), such as MED_015.
// Usage (single-file source launch, Java 11+):
//   java -cp /usr/share/java/epubcheck.jar EpubCheckBatch.java [--usage] BOOK.epub REPORT.json ...
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.reporting.CheckingReport;
import com.adobe.epubcheck.util.ReportingLevel;
import java.io.File;

public class EpubCheckBatch {
    public static void main(String[] args) {
        boolean usage = args.length > 0 && args[0].equals("--usage");
        for (int i = usage ? 1 : 0; i + 1 < args.length; i += 2) {
            CheckingReport report = new CheckingReport(args[i], args[i + 1]);
            if (usage) {
                report.setReportingLevel(ReportingLevel.Usage);
            }
            report.initialize();
            new EpubCheck(new File(args[i]), report).doValidate();
            report.generate();
        }
    }
}
