using AlgoTrading.Models;

namespace AlgoTrading.Tests.Support;

/// <summary>
/// A label built to leak: up or down of a random walk over the next <c>horizon</c> rows (hourly), so
/// neighbours share most of their label window; the only feature is the hour index. A memoriser
/// (<see cref="ModelMemoriser"/>) scores far above chance when rows next to a test row train, and
/// chance when those are purged on the label end times and embargoed.
/// </summary>
public static class ModelLeakingLabel
{
    public const int Rows = 2400, Horizon = 60;

    /// <summary>The rows without label end times (what a split that ignores label windows sees).</summary>
    public static TrainingSet WithoutEnds()
    {
        var random = new Random(11);
        var walk = new double[Rows + Horizon + 1];
        for (int i = 1; i < walk.Length; i++) walk[i] = walk[i - 1] + (random.NextDouble() - 0.5);
        var labels = Enumerable.Range(0, Rows).Select(i => walk[i + Horizon] > walk[i] ? 1f : 0f).ToArray();
        var time = Enumerable.Range(0, Rows).Select(i => i * TimeSpan.TicksPerHour).ToArray();
        return new TrainingSet(new ModelMatrix(time.Select(t => (float)(t / TimeSpan.TicksPerHour)).ToArray(), time, ["hour_index"]), labels);
    }

    /// <summary>Each row's label end time: <see cref="Horizon"/> hours after its start.</summary>
    public static long[] Ends(TrainingSet set) => set.Features.Time.Select(t => t + Horizon * TimeSpan.TicksPerHour).ToArray();
}
