namespace AlgoTrading.Models.Validation;

/// <summary>One train/test split: row indices (sorted) and what purging and the embargo removed.</summary>
/// <param name="Index">Fold number, from 0.</param>
/// <param name="Train">Training rows.</param>
/// <param name="Test">Test rows, one contiguous block in time.</param>
/// <param name="Purged">Training rows removed because their label window overlapped the test window.</param>
/// <param name="Embargoed">Training rows removed by the embargo after the test window.</param>
public sealed record Fold(int Index, int[] Train, int[] Test, int Purged, int Embargoed);

/// <summary>How folds are cut.</summary>
public enum SplitKind
{
    /// <summary>K contiguous test blocks; training uses every other row, purged and embargoed.</summary>
    PurgedKFold,
    /// <summary>K + 1 blocks; fold k trains on blocks 0…k (purged) and tests on block k + 1, so training is always in the past.</summary>
    WalkForward,
}

/// <summary>
/// Cross-validation splits for labels that look ahead (López de Prado, ch. 7). Row i's label is
/// known over [start[i], end[i]] (bar-start times, UTC ticks; rows sorted by start). The test window
/// of a fold spans from its first row's start to the latest end of its labels; a training row whose
/// label window overlaps that window is purged (it shares information with the test labels), and
/// the <c>embargo</c> rows that follow the test window are dropped too (serial correlation in the
/// features carries information backwards).
/// </summary>
public static class PurgedSplits
{
    /// <summary>Splits <paramref name="start"/>.Length rows.</summary>
    /// <exception cref="ModelInputException">Fewer rows than needed for <paramref name="folds"/> folds, or fewer than 2 folds.</exception>
    public static IReadOnlyList<Fold> Create(SplitKind kind, ReadOnlySpan<long> start, ReadOnlySpan<long> end, int folds, int embargo)
    {
        int n = start.Length;
        if (folds < 2) throw new ModelInputException($"{folds} folds: cross-validation needs at least 2");
        if (embargo < 0) throw new ModelInputException($"embargo {embargo}: it is a number of rows, 0 or more");
        int blocks = kind == SplitKind.PurgedKFold ? folds : folds + 1;
        if (n < 2 * blocks) throw new ModelInputException($"{n} labelled rows are too few for {folds} {(kind == SplitKind.PurgedKFold ? "purged k-fold" : "walk-forward")} folds (need at least {2 * blocks})");
        for (int i = 1; i < n; i++)
            if (start[i] < start[i - 1]) throw new ArgumentException("rows must be sorted by time");

        var result = new List<Fold>(folds);
        for (int f = 0; f < folds; f++)
        {
            int block = kind == SplitKind.PurgedKFold ? f : f + 1;
            int testFirst = (int)((long)n * block / blocks), testLast = (int)((long)n * (block + 1) / blocks) - 1;
            long windowStart = start[testFirst], windowEnd = long.MinValue;
            for (int i = testFirst; i <= testLast; i++) windowEnd = Math.Max(windowEnd, end[i]);
            int trainLast = kind == SplitKind.PurgedKFold ? n - 1 : testFirst - 1;
            // The embargo starts after the test labels end: the first rows the purge did not already remove.
            int embargoFirst = testLast + 1;
            while (embargoFirst < n && start[embargoFirst] <= windowEnd) embargoFirst++;
            var train = new List<int>(n);
            int purged = 0, embargoed = 0;
            for (int i = 0; i <= trainLast; i++)
            {
                if (i >= testFirst && i <= testLast) continue;
                if (start[i] <= windowEnd && end[i] >= windowStart) { purged++; continue; }
                if (i >= embargoFirst && i < embargoFirst + embargo) { embargoed++; continue; }
                train.Add(i);
            }
            if (train.Count == 0) throw new ModelInputException($"fold {f + 1}: no training rows left after purging {purged} and embargoing {embargoed}; use fewer folds, a shorter label or more data");
            result.Add(new Fold(f, train.ToArray(), Enumerable.Range(testFirst, testLast - testFirst + 1).ToArray(), purged, embargoed));
        }
        return result;
    }
}
