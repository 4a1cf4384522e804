global using Xunit;
global using AlgoTrading.Models;
global using AlgoTrading.Models.Torch;
global using AlgoTrading.Models.Torch.Tests.Support;
global using AlgoTrading.Tests.Support;
