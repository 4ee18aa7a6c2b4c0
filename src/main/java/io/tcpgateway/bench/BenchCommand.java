package io.tcpgateway.bench;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@code bench} command: a redis-benchmark style echo load generator on plain NIO,
 * with chat and alarm fan-out modes.
 */
public final class BenchCommand {

	private BenchCommand() {
	}

	/**
	 * Runs the command with the arguments that follow the word {@code bench}, printing
	 * the summary line on stdout and diagnostics on stderr.
	 * @param args the options, each {@code --name=value} or a flag
	 * @return the exit code: 0 ok, 1 errors or could not connect, 2 bad arguments
	 */
	public static int run(String[] args) {
		return run(args, System.out, System.err);
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("bench: " + ex.getMessage());
			err.println();
			err.print(BenchOptions.USAGE);
			return 2;
		}
		if (options.help()) {
			out.print(BenchOptions.USAGE);
			return 0;
		}
		try {
			switch (options.fanOut().mode()) {
				case CHAT -> {
					ChatRun.Result result = ChatRun.run(options);
					out.println(result.summary());
					return result.exitCode();
				}
				case ALARM -> {
					AlarmRun.Result result = AlarmRun.run(options);
					out.println(result.summary());
					return result.exitCode();
				}
				case NONE -> {
				}
			}
			if (options.idle()) {
				IdleRun.Result result = IdleRun.run(options);
				out.println(result.summary());
				return result.exitCode();
			}
			LoadRun.Result result = LoadRun.run(options);
			out.println(result.summary());
			return result.exitCode();
		}
		catch (IOException ex) {
			err.println("bench: " + ex);
			return 1;
		}
	}

}
