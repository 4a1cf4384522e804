using System.Globalization;
using AlgoTrading.Models;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// Settings of an LSTM/GRU model, parsed from the invariant-culture strings of
/// <see cref="ModelMetadata.Hyperparameters"/>. Keys are snake_case; unknown keys and unparsable or
/// out-of-range values are refused with a <see cref="ModelInputException"/> naming the key.
/// </summary>
internal sealed record RecurrentHyperparameters
{
    /// <summary>Rows one prediction reads (the window ending at the predicted row); the model's LookbackRows.</summary>
    public int SequenceLength { get; init; } = 32;
    /// <summary>Width of the recurrent state.</summary>
    public int HiddenSize { get; init; } = 64;
    /// <summary>Stacked recurrent layers.</summary>
    public int Layers { get; init; } = 1;
    /// <summary>Dropout between stacked layers (libtorch applies none with one layer).</summary>
    public double Dropout { get; init; }
    /// <summary>Adam step size.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Windows per gradient step.</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>Upper bound on passes over the training windows.</summary>
    public int MaxEpochs { get; init; } = 30;
    /// <summary>Epochs without a better validation loss before training stops (only with a validation set).</summary>
    public int Patience { get; init; } = 5;
    /// <summary>Seeds weight initialisation, dropout and the shuffling of windows.</summary>
    public long Seed { get; init; } = 42;

    private static readonly string[] Keys =
        ["sequence_length", "hidden_size", "layers", "dropout", "learning_rate", "batch_size", "max_epochs", "patience", "seed"];

    /// <summary>Parses <paramref name="values"/>; absent keys keep their defaults.</summary>
    public static RecurrentHyperparameters Parse(IReadOnlyDictionary<string, string> values, string kind)
    {
        var unknown = values.Keys.Where(k => !Keys.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
            throw new ModelInputException($"{kind}: unknown hyperparameter(s) {string.Join(", ", unknown)} (known: {string.Join(", ", Keys)})");

        var d = new RecurrentHyperparameters();
        return new RecurrentHyperparameters
        {
            SequenceLength = Int(values, "sequence_length", d.SequenceLength, 1, 4096, kind),
            HiddenSize = Int(values, "hidden_size", d.HiddenSize, 1, 4096, kind),
            Layers = Int(values, "layers", d.Layers, 1, 16, kind),
            Dropout = Real(values, "dropout", d.Dropout, 0, 0.999, kind),
            LearningRate = Real(values, "learning_rate", d.LearningRate, 1e-12, 10, kind),
            BatchSize = Int(values, "batch_size", d.BatchSize, 1, 65_536, kind),
            MaxEpochs = Int(values, "max_epochs", d.MaxEpochs, 1, 100_000, kind),
            Patience = Int(values, "patience", d.Patience, 1, 100_000, kind),
            Seed = values.TryGetValue("seed", out var s)
                ? long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw Bad(kind, "seed", s, "an integer")
                : d.Seed,
        };
    }

    /// <summary>Every setting, defaults included, as invariant-culture strings (what the metadata keeps).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["sequence_length"] = SequenceLength.ToString(CultureInfo.InvariantCulture),
        ["hidden_size"] = HiddenSize.ToString(CultureInfo.InvariantCulture),
        ["layers"] = Layers.ToString(CultureInfo.InvariantCulture),
        ["dropout"] = Dropout.ToString("R", CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["batch_size"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        ["max_epochs"] = MaxEpochs.ToString(CultureInfo.InvariantCulture),
        ["patience"] = Patience.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
    };

    // Upper bounds keep a typo (hidden_size 6400000, batch_size 2e9) from becoming an int overflow in
    // the window buffers or a native out-of-memory crash inside libtorch instead of one clear line.
    private static int Int(IReadOnlyDictionary<string, string> values, string key, int fallback, int min, int max, string kind)
    {
        if (!values.TryGetValue(key, out var text)) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw Bad(kind, key, text, $"an integer in [{min}, {max}]");
    }

    private static double Real(IReadOnlyDictionary<string, string> values, string key, double fallback, double min, double max, string kind)
    {
        if (!values.TryGetValue(key, out var text)) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw Bad(kind, key, text, $"a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
    }

    private static ModelInputException Bad(string kind, string key, string text, string expected) =>
        new($"{kind}: hyperparameter {key} = '{text}' must be {expected}");
}
