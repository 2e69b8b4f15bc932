// Runs EPUBCheck on several books in one Java process, writing its usual JSON report
// for each: loading EPUBCheck's schemas takes most of a check's time, so a batch is
// several times faster than one `epubcheck` process per book.
// Usage (single-file source launch, Java 11+):
//   java -cp /usr/share/java/epubcheck.jar EpubCheckBatch.java BOOK.epub REPORT.json ...
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.reporting.CheckingReport;
import java.io.File;

public class EpubCheckBatch {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            CheckingReport report = new CheckingReport(args[i], args[i + 1]);
            report.initialize();
            new EpubCheck(new File(args[i]), report).doValidate();
            report.generate();
        }
    }
}
