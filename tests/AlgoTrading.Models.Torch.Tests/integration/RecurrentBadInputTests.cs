namespace AlgoTrading.Models.Torch.Tests.Integration;

/// <summary>Unusable input is refused with one line that names what is wrong.</summary>
public sealed class RecurrentBadInputTests(TrainedModels trained) : IClassFixture<TrainedModels>
{
    [Fact]
    public void A_NaN_feature_names_the_column_and_the_bar()
    {
        var set = SyntheticSequences.Make(100, seed: 51);
        set.Features.Values[17 * 4 + 2] = float.NaN;
        using var model = TorchSetup.Create("lstm", SyntheticSequences.FastSettings());

        var e = Assert.Throws<ModelInputException>(() => model.Fit(set));
        Assert.Equal("training set: feature 'x2' is NaN at 2024-01-01 17:00:00 UTC (row 18)", e.Message);
    }

    [Fact]
    public void An_infinite_feature_at_prediction_is_refused()
    {
        var set = SyntheticSequences.Make(50, seed: 52);
        set.Features.Values[3] = float.PositiveInfinity;
        var e = Assert.Throws<ModelInputException>(() => trained["gru"].Predict(set.Features, new float[50]));
        Assert.StartsWith("prediction input: feature 'x3' is Infinity at 2024-01-01 00:00:00 UTC (row 1)", e.Message);

        var window = new float[8 * 4];
        window[5] = float.NaN;
        var latest = Assert.Throws<ModelInputException>(() => trained["gru"].PredictLatest(window));
        Assert.Contains("'x1' is NaN in row 2 of 8", latest.Message);
    }

    [Fact]
    public void A_label_column_with_one_class_is_refused()
    {
        var set = SyntheticSequences.Make(100, seed: 53);
        var ones = set with { Labels = Enumerable.Repeat(1f, 100).ToArray() };
        using var model = TorchSetup.Create("gru", SyntheticSequences.FastSettings());

        var e = Assert.Throws<ModelInputException>(() => model.Fit(ones));
        Assert.Contains("label column has one class (1)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Unknown_hyperparameters_and_bad_values_are_named()
    {
        var unknown = Assert.Throws<ModelInputException>(() => TorchSetup.Create("lstm", new Dictionary<string, string> { ["hiden_size"] = "8" }));
        Assert.StartsWith("lstm: unknown hyperparameter(s) hiden_size", unknown.Message);
        var bad = Assert.Throws<ModelInputException>(() => TorchSetup.Create("gru", new Dictionary<string, string> { ["sequence_length"] = "0" }));
        Assert.Equal("gru: hyperparameter sequence_length = '0' must be an integer in [1, 4096]", bad.Message);
    }

    [Fact]
    public void Features_in_another_order_are_refused()
    {
        var set = SyntheticSequences.Make(50, seed: 54);
        var swapped = new ModelMatrix(set.Features.Values, set.Features.Time, ["x1", "x0", "x2", "x3"]);
        var e = Assert.Throws<ModelInputException>(() => trained["lstm"].Predict(swapped, new float[50]));
        Assert.StartsWith("features [x1, x0, x2, x3] differ from the model's [x0, x1, x2, x3]", e.Message);
    }

    [Fact]
    public void A_corrupted_weights_file_is_refused_on_load()
    {
        using var dir = new TempDirectory();
        var model = trained["lstm"];
        model.Save(dir.Path);
        string weights = Path.Combine(dir.Path, RecurrentModelFile.WeightsFileName);
        var bytes = File.ReadAllBytes(weights);
        bytes[bytes.Length / 2] ^= 0x40; // one flipped bit in a weight: still loadable, silently wrong without the hash
        File.WriteAllBytes(weights, bytes);

        var e = Assert.Throws<ModelInputException>(() => TorchSetup.Load(dir.Path, model.Metadata));
        Assert.Equal($"{weights}: corrupted model file (SHA-256 differs from the one recorded in {RecurrentModelFile.FileName})", e.Message);
    }

    [Fact]
    public void A_truncated_model_file_is_refused_on_load()
    {
        using var dir = new TempDirectory();
        var model = trained["gru"];
        model.Save(dir.Path);
        string json = Path.Combine(dir.Path, RecurrentModelFile.FileName);
        File.WriteAllText(json, File.ReadAllText(json)[..40]);

        var e = Assert.Throws<ModelInputException>(() => TorchSetup.Load(dir.Path, model.Metadata));
        Assert.StartsWith($"{json}: corrupted model file (", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_model_file_from_another_feature_set_is_refused()
    {
        using var dir = new TempDirectory();
        var model = trained["gru"];
        model.Save(dir.Path);
        var other = model.Metadata with { FeatureNames = ["a", "b", "c", "d"] };

        var e = Assert.Throws<ModelInputException>(() => TorchSetup.Load(dir.Path, other));
        Assert.Contains("trained on features [x0, x1, x2, x3], metadata lists [a, b, c, d]", e.Message);
    }
}
