using System.Globalization;

namespace AlgoTrading.Models.Validation;

/// <summary>One candidate of a search and its cross-validated score.</summary>
/// <param name="Trial">Trial number, from 1.</param>
/// <param name="Parameters">The candidate's hyperparameters (fixed ones included).</param>
/// <param name="Score">Out-of-sample score (AUC for classification, IC for regression; higher is better).</param>
public sealed record SearchTrial(int Trial, IReadOnlyDictionary<string, string> Parameters, double Score);

/// <summary>
/// Seeded random search: each trial draws every ranged hyperparameter uniformly from its range (a
/// whole number when both ends are whole; one of the values when more than two are listed) on top of
/// the fixed ones, and is scored by the caller's purged cross-validation. The same seed draws the
/// same candidates.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>Draws <paramref name="trials"/> candidates and scores each with <paramref name="score"/>; returns them all, best first.</summary>
    /// <exception cref="ModelInputException">A range with fewer than two values or min above max.</exception>
    public static IReadOnlyList<SearchTrial> Run(IReadOnlyDictionary<string, string> fixedParameters, IReadOnlyDictionary<string, List<double>> ranges,
        int trials, int seed, Func<IReadOnlyDictionary<string, string>, double> score, Action<int>? progress = null)
    {
        foreach (var (key, range) in ranges)
            if (range.Count < 2 || (range.Count == 2 && range[0] > range[1]))
                throw new ModelInputException($"search range for '{key}' must be [min, max] with min ≤ max or a list of values, not [{string.Join(", ", range)}]");
        var random = new Random(seed);
        var results = new List<SearchTrial>(trials);
        for (int t = 1; t <= trials; t++)
        {
            var candidate = new Dictionary<string, string>(fixedParameters, StringComparer.Ordinal);
            foreach (var (key, range) in ranges.OrderBy(r => r.Key, StringComparer.Ordinal)) candidate[key] = Draw(range, random);
            double s = score(candidate);
            results.Add(new SearchTrial(t, candidate, double.IsNaN(s) ? double.NegativeInfinity : s));
            progress?.Invoke(t);
        }
        return results.OrderByDescending(r => r.Score).ThenBy(r => r.Trial).ToList();
    }

    private static string Draw(List<double> range, Random random)
    {
        if (range.Count > 2) return range[random.Next(range.Count)].ToString("R", CultureInfo.InvariantCulture);
        double lo = range[0], hi = range[1];
        if (lo == Math.Floor(lo) && hi == Math.Floor(hi)) return ((long)lo + random.NextInt64((long)hi - (long)lo + 1)).ToString(CultureInfo.InvariantCulture);
        return (lo + random.NextDouble() * (hi - lo)).ToString("R", CultureInfo.InvariantCulture);
    }
}
