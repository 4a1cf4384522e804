using Spectre.Console;

namespace AlgoTrading.Runner.Output;

/// <summary>
/// Shows long work: a Spectre.Console progress bar on an interactive terminal, plain
/// "step … 40%" lines on stderr when output is redirected (Spectre prints nothing useful then),
/// so logs and CI show progress too and stdout stays clean for --json.
/// </summary>
internal static class ProgressDisplay
{
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> with a single progress task named <paramref name="title"/>.</summary>
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<(string Step, double Fraction)>, Task<T>> work)
    {
        if (!Interactive)
        {
            var plain = new PlainProgress(title);
            var result = await work(plain);
            return result;
        }
        T value = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                var progress = new Progress<(string Step, double Fraction)>(p =>
                {
                    task.Description = Markup.Escape(p.Step);
                    task.Value = p.Fraction;
                });
                value = await work(progress);
                task.Value = 1.0;
            });
        return value;
    }

    /// <summary>Adapts a fraction-only progress to the (step, fraction) form.</summary>
    public static IProgress<double> Fraction(IProgress<(string Step, double Fraction)> progress, string step) =>
        new SynchronousProgress<double>(f => progress.Report((step, f)));

    private sealed class PlainProgress(string title) : IProgress<(string Step, double Fraction)>
    {
        private int _lastTenth = -1;
        private string _lastStep = "";

        public void Report((string Step, double Fraction) value)
        {
            int tenth = (int)(value.Fraction * 10);
            if (tenth == _lastTenth && value.Step == _lastStep) return;
            _lastTenth = tenth;
            _lastStep = value.Step;
            Console.Error.WriteLine($"[{title}] {value.Step} {value.Fraction:P0}");
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
