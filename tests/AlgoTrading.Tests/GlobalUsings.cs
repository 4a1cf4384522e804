global using Xunit;
// The library namespaces most tests use, once for the whole project instead of atop every file.
global using AlgoTrading.Backtesting;
global using AlgoTrading.Domain;
global using AlgoTrading.Execution.Simulation;
global using AlgoTrading.Features.Indicators;
global using AlgoTrading.Risk;
global using AlgoTrading.Strategies;
global using AlgoTrading.Strategies.Exits;
global using AlgoTrading.Strategies.Signals;
global using AlgoTrading.Strategies.Sizing;
global using AlgoTrading.Workflows;
global using static AlgoTrading.Tests.Support.Bars;
