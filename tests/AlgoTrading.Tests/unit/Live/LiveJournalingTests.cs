using AlgoTrading.Execution.Orders;
using AlgoTrading.Live.Journal;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit.Live;

/// <summary>
/// The journal beside the execution client: a paper order is journaled inside the call that created it,
/// on whatever thread the runner's loop continues after an await (a paced replay resumes on pool threads),
/// so the order count times the price-to-order latency of the step that sent it.
/// </summary>
public sealed class LiveJournalingTests
{
    [Fact]
    public async Task A_paper_order_is_journaled_inside_the_call_whatever_thread_runs_it()
    {
        using var dir = new TempDirectory();
        using var journal = LiveJournal.Open(Path.Combine(dir.Path, "journal.db"));
        var simulated = new SimulatedExecutionClient([TradableInstrument.FromSymbol("EUR_USD")]);
        var journaled = JournaledExecutionClient.Observe(simulated, journal);
        var id = ClientOrderId.For("sma-cross", "EUR_USD", 638_700_000_000_000_000, 0);
        int seenInside = -1;
        await Task.Run(() =>
        {
            simulated.Submit(new OrderRequest("EUR_USD", 1000) { Reason = "entry" }, id, id.DecisionUtcTicks);
            seenInside = journaled.Submitted;
        });
        Assert.Equal(1, seenInside);
        Assert.Equal(JournalOrderState.Accepted, journal.Order(id.Value)!.State);
        Assert.Single(journal.Events("intent"));
    }
}
