using AlgoTrading.Features.Labels;
using AlgoTrading.Features.Sets;

namespace AlgoTrading.Models;

/// <summary>
/// Features and labels aligned row by row, ready to train and validate: the features layer's
/// matrix converted once (warm-up rows dropped and counted), rows without a defined label (the last
/// bars, whose future is not yet known) dropped and counted, and each label's end time kept so
/// validation can purge overlapping samples.
/// </summary>
public sealed class LabeledData
{
    private LabeledData(TrainingSet set, long[] labelEnd, int warmUpRows, int unlabeledRows)
    {
        Set = set with { LabelEnd = labelEnd };
        LabelEnd = labelEnd;
        WarmUpRows = warmUpRows;
        UnlabeledRows = unlabeledRows;
    }

    /// <summary>The rows, with <see cref="LabelEnd"/> as their <see cref="TrainingSet.LabelEnd"/>.</summary>
    public TrainingSet Set { get; }
    /// <summary>Bar-start time (UTC ticks) of the last bar each row's label depends on.</summary>
    public long[] LabelEnd { get; }
    /// <summary>Leading rows dropped because a feature was warming up.</summary>
    public int WarmUpRows { get; }
    /// <summary>Rows dropped because their label is undefined.</summary>
    public int UnlabeledRows { get; }
    /// <summary>Number of rows.</summary>
    public int Rows => Set.Rows;

    /// <summary>Aligns <paramref name="labels"/> (computed on the same bars) to <paramref name="features"/>.</summary>
    /// <exception cref="ModelInputException">The two are not on the same bars, a non-finite feature after the warm-up, or no labelled row.</exception>
    public static LabeledData Create(FeatureMatrix features, LabelSeries labels)
    {
        if (labels.Count != features.Rows || (labels.Count > 0 && (labels.Time[0] != features.Time[0] || labels.Time[^1] != features.Time[^1])))
            throw new ModelInputException($"label '{labels.Name}' has {labels.Count} bars but the features have {features.Rows}: compute both on the same bars");
        var matrix = ModelMatrix.FromFeatures(features);
        int offset = matrix.WarmUpRowsDropped;
        var keep = new List<int>(matrix.Rows);
        for (int r = 0; r < matrix.Rows; r++)
            if (double.IsFinite(labels.Values[r + offset]) && labels.EndTime[r + offset] != long.MaxValue) keep.Add(r);
        if (keep.Count == 0) throw new ModelInputException($"no bar has both every feature and label '{labels.Name}' defined ({features.Rows} bars)");
        var rows = keep.ToArray();
        var values = new float[rows.Length];
        var end = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            values[i] = (float)labels.Values[rows[i] + offset];
            end[i] = labels.EndTime[rows[i] + offset];
        }
        var selected = rows.Length == matrix.Rows ? matrix : matrix.Select(rows);
        return new LabeledData(new TrainingSet(selected, values), end, offset, matrix.Rows - rows.Length);
    }

    /// <summary>Wraps rows that are already aligned (tests, other pipelines).</summary>
    public static LabeledData From(TrainingSet set, long[] labelEnd)
    {
        if (labelEnd.Length != set.Rows) throw new ArgumentException($"{labelEnd.Length} label end times for {set.Rows} rows");
        return new LabeledData(set, labelEnd, 0, 0);
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order, with their label end times.</summary>
    public TrainingSet Subset(ReadOnlySpan<int> rows)
    {
        var labels = new float[rows.Length];
        var end = new long[rows.Length];
        float[]? weights = Set.Weights is null ? null : new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            labels[i] = Set.Labels[rows[i]];
            end[i] = LabelEnd[rows[i]];
            if (weights is not null) weights[i] = Set.Weights![rows[i]];
        }
        return new TrainingSet(Set.Features.Select(rows), labels, weights, end);
    }
}
