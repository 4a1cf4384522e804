using AlgoTrading.Models;

namespace AlgoTrading.Tests.Unit.Models;

public class ModelKindsTests
{
    [Fact]
    public void An_unregistered_opt_in_kind_names_its_package_and_an_unknown_kind_lists_the_registered()
    {
        // Nothing in this test process calls TorchModels.Register(): lstm is not registered here.
        var e = Assert.Throws<ModelInputException>(() => ModelKinds.Get("lstm"));
        Assert.Contains("unknown model kind 'lstm'", e.Message);
        Assert.Contains("AlgoTrading.Models.Torch (TorchModels)", e.Message);
        Assert.Contains("ensemble", e.Message);

        var other = Assert.Throws<ModelInputException>(() => ModelKinds.Get("random-forest"));
        Assert.DoesNotContain("opt-in", other.Message);
        Assert.Same(ModelKinds.Get("ensemble"), ModelKinds.Get("ENSEMBLE"));
    }
}
