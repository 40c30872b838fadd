package io.kechuang.local;

import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the launcher tells what it is doing: start-up steps, waiting, the summary, and loud failures. Every line
 * also goes to the launcher's log.
 */
public interface Progress {

    /** A step or a status line. */
    void info(String line);

    /** A failure a person must see (a child that died, a part that did not come up). */
    void problem(String text);

    /** Lines to standard output, problems to standard error. */
    static Progress console() {
        return printingTo(System.out, System.err);
    }

    /** Nothing on the console; the launcher's log still gets every line. */
    static Progress silent() {
        return logged(line -> { }, text -> { });
    }

    static Progress printingTo(PrintStream out, PrintStream err) {
        return logged(out::println, err::println);
    }

    private static Progress logged(Consumer<String> out, Consumer<String> err) {
        Logger log = Logger.getLogger("io.kechuang.local");
        return new Progress() {
            @Override
            public void info(String line) {
                log.info(line);
                out.accept(line);
            }

            @Override
            public void problem(String text) {
                log.log(Level.SEVERE, text);
                err.accept("\n" + text);
            }
        };
    }
}
