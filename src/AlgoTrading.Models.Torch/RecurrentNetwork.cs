using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// LSTM or GRU layers over a batch-first window [batch, length, features], then one linear unit on
/// the last step's hidden state: a logit for classification, a standardised value for regression.
/// </summary>
internal sealed class RecurrentNetwork : nn.Module<Tensor, Tensor>
{
    // Field names are the parameter names in the saved weights; keep them stable.
    private readonly LSTM? lstm;
    private readonly GRU? gru;
    private readonly Linear head;

    public RecurrentNetwork(RecurrentCell cell, int features, RecurrentHyperparameters settings) : base(cell.Kind())
    {
        double dropout = settings.Layers > 1 ? settings.Dropout : 0;
        if (cell == RecurrentCell.Lstm)
            lstm = nn.LSTM(features, settings.HiddenSize, settings.Layers, batchFirst: true, dropout: dropout);
        else
            gru = nn.GRU(features, settings.HiddenSize, settings.Layers, batchFirst: true, dropout: dropout);
        head = nn.Linear(settings.HiddenSize, 1);
        RegisterComponents();
    }

    /// <summary>[batch, length, features] → [batch].</summary>
    public override Tensor forward(Tensor windows)
    {
        using var scope = NewDisposeScope();
        Tensor sequence = lstm is not null ? lstm.call(windows, null).Item1 : gru!.call(windows, null).Item1;
        using var last = sequence.select(1, -1);
        return head.call(last).squeeze(-1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lstm?.Dispose();
            gru?.Dispose();
            head.Dispose();
        }
        base.Dispose(disposing);
    }
}
