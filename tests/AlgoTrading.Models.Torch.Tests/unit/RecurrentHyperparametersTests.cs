namespace AlgoTrading.Models.Torch.Tests.Unit;

public sealed class RecurrentHyperparametersTests
{
    [Fact]
    public void Given_values_are_parsed_invariantly_and_the_rest_keep_defaults()
    {
        var parsed = RecurrentHyperparameters.Parse(new Dictionary<string, string> { ["learning_rate"] = "0.005", ["sequence_length"] = "24" }, "lstm");

        Assert.Equal(0.005, parsed.LearningRate);
        Assert.Equal(24, parsed.SequenceLength);
        Assert.Equal(new RecurrentHyperparameters().HiddenSize, parsed.HiddenSize);
    }

    [Fact]
    public void The_dictionary_round_trips_every_setting()
    {
        var settings = new RecurrentHyperparameters { Dropout = 0.1, LearningRate = 3e-4, Seed = -9, Layers = 2 };
        Assert.Equal(settings, RecurrentHyperparameters.Parse(settings.ToDictionary(), "gru"));
        Assert.Equal(9, settings.ToDictionary().Count);
    }

    [Theory]
    [InlineData("dropout", "1.5", "gru: hyperparameter dropout = '1.5' must be a number in [0, 0.999]")]
    [InlineData("batch_size", "12.5", "gru: hyperparameter batch_size = '12.5' must be an integer in [1, 65536]")]
    [InlineData("batch_size", "2000000000", "gru: hyperparameter batch_size = '2000000000' must be an integer in [1, 65536]")]
    [InlineData("hidden_size", "6400000", "gru: hyperparameter hidden_size = '6400000' must be an integer in [1, 4096]")]
    [InlineData("sequence_length", "0", "gru: hyperparameter sequence_length = '0' must be an integer in [1, 4096]")]
    [InlineData("layers", "17", "gru: hyperparameter layers = '17' must be an integer in [1, 16]")]
    [InlineData("seed", "x", "gru: hyperparameter seed = 'x' must be an integer")]
    public void Bad_values_name_the_key(string key, string value, string message)
    {
        var e = Assert.Throws<ModelInputException>(() => RecurrentHyperparameters.Parse(new Dictionary<string, string> { [key] = value }, "gru"));
        Assert.Equal(message, e.Message);
    }
}
