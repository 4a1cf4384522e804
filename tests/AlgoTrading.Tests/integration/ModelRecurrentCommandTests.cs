using System.Text.Json;
using AlgoTrading.Models;
using AlgoTrading.Runner.Commands;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>
/// <c>algotrading train --model lstm</c> through the real executable of this repository (which carries libtorch),
/// and what the light AlgoTrading.Cli tool says instead.
/// </summary>
public sealed class ModelRecurrentCommandTests
{
    [Fact]
    public void Train_a_tiny_lstm_from_the_command_line()
    {
        using var project = Cli.Project();
        var store = Path.Combine(project.Path, "store");
        var root = Cli.Train(project.Path, store, "--model", "lstm", "--param", "sequence_length=8", "--param", "hidden_size=8", "--param", "max_epochs=2",
            "--folds", "2", "--seed", "3");
        Assert.Equal("lstm", root.GetProperty("kind").GetString());
        Assert.Equal(8, root.GetProperty("lookback_rows").GetInt32());
        var folder = root.GetProperty("path").GetString()!;
        Assert.True(File.Exists(Path.Combine(folder, "recurrent_model.weights")));
        // Daily direction is close to a coin toss; what matters is a finite score over the out-of-sample rows.
        Assert.InRange(root.GetProperty("metrics").GetProperty("oos_auc").GetDouble(), 0.3, 0.7);
        // Each test block is predicted with the 7 rows before it as context: only the data's first 7 rows have no prediction.
        var predictions = File.ReadAllLines(Path.Combine(folder, "oos_predictions.csv")).Skip(1).Select(l => l.Split(',')[2]).ToList();
        Assert.Equal(7, predictions.Count(p => p == "NaN"));
        Assert.All(predictions.Take(7), p => Assert.Equal("NaN", p));
    }

    [Fact]
    public void The_light_tool_says_where_lstm_and_gru_live()
    {
        // What ModelPackages registers for lstm and gru in the packed tool, under a kind no test registers.
        ModelKinds.RegisterUnavailable("gru-left-out", ModelPackages.TorchLeftOut("gru"));
        var e = Assert.Throws<ModelInputException>(() => ModelKinds.Get("gru-left-out"));
        Assert.Contains("model kind 'gru-left-out' is not available here: it needs libtorch", e.Message);
        Assert.Contains("./algotrading train --model gru", e.Message);
        Assert.Contains("AlgoTrading.Models.Torch", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        // A kind with a factory stays available.
        ModelKinds.RegisterUnavailable("ensemble", "never");
        Assert.Equal("ensemble", ModelKinds.Get("ensemble").Kind);
    }
}
