package dev.mnemo.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code mnemo} command. Commands print only through their command line's writers. */
@Command(
    name = "mnemo",
    mixinStandardHelpOptions = true,
    // Every command answers -h/--help (and -V/--version) too.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Mnemo.Version.class,
    sortOptions = false,
    description = {
      "A local-first memory engine for your notes and journals, in English and Chinese.",
      "Finds what you wrote by words, by meaning and by time; nothing leaves your machine."
    },
    subcommands = {
      IndexCommand.class,
      SearchCommand.class,
      InspectCommand.class,
      EvalCommand.class,
      EmbedCommand.class,
      AttentionCommand.class,
      RelatedCommand.class,
      TimelineCommand.class,
      OnThisDayCommand.class,
      ResurfaceCommand.class,
      WeekCommand.class,
      TodayCommand.class,
      JotCommand.class,
      LinksCommand.class,
      McpCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Mnemo implements Callable<Integer> {
  final Map<String, String> env;
  final Clock clock;

  @Spec
  CommandSpec spec;

  Mnemo(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK;
  }

  /** A command line wired with mnemo's error handling, for {@code main} and for tests. */
  public static CommandLine commandLine(Map<String, String> env, Clock clock) {
    CommandLine cmd = new CommandLine(new Mnemo(env, clock), new Factory(env, clock));
    cmd.setExecutionExceptionHandler(Mnemo::handle);
    cmd.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("mnemo: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCode.USAGE;
    });
    return cmd;
  }

  private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    int code = ExitCode.of(ex);
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    err.println("mnemo: " + message);
    if (code == ExitCode.ERROR && !(ex instanceof java.io.IOException)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Lucene and Jetty announce their setup through java.util.logging; a CLI should not. */
  private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

  public static void main(String[] args) {
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    int code = commandLine(System.getenv(), Clock.systemDefaultZone()).execute(args);
    System.exit(code);
  }

  /** Gives commands the environment and the clock. */
  private record Factory(Map<String, String> env, Clock clock) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == Mnemo.class) {
        return cls.cast(new Mnemo(env, clock));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Mnemo.class.getPackage().getImplementationVersion();
      return new String[] {"mnemo " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (Java " + Runtime.version() + ")"};
    }
  }
}
