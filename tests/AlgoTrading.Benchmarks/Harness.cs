using System.Diagnostics;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// A small Stopwatch harness: warm-up runs (at least three, and at least two seconds: JIT tiers,
/// file cache), then several measured runs, each after a full, non-compacting collection as
/// BenchmarkDotNet does; it prints the median and best throughput and the managed bytes allocated
/// per run. Medians resist the noise of a shared 2-core machine better than means.
/// </summary>
internal static class Harness
{
    public static void Measure(string name, string unit, Func<long> run, int runs = 7)
    {
        long items = 0;
        // Warm-up until the JIT has settled: at least three runs and two seconds. Methods move from
        // quick to optimised code in the background after a delay that restarts whenever new code
        // is compiled, so a short run can still be mid-tier-up after three warm-ups: a 1M-bar
        // backtest took 245, 127, 79, 40 ms on its first four runs and ~35 ms from the eighth on.
        var warmUp = Stopwatch.StartNew();
        for (int w = 0; w < 3 || (warmUp.Elapsed.TotalSeconds < 2 && w < 100); w++) items = run();
        var seconds = new List<double>();
        long allocated = 0;
        for (int i = 0; i < runs; i++)
        {
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            items = run();
            sw.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            seconds.Add(sw.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        double median = seconds[seconds.Count / 2], best = seconds[0];
        Console.WriteLine($"{name,-34} {items,12:N0} {unit,-6} median {median * 1000,9:F1} ms  {items / median / 1e6,8:F2} M{unit}/s  (best {items / best / 1e6:F2})  alloc {allocated / 1e6:F1} MB/run");
    }
}
