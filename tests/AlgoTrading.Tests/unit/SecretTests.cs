using Serilog;
using AlgoTrading.Configuration;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

public class SecretTests : IDisposable
{
    private const string Token = "tok-7f3a9c1e5b2d4f60-SECRET";
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Dotenv_values_are_read_with_quotes_comments_and_export()
    {
        var env = DotEnvFile.Load(_dir.File(".env", $"# broker\nexport OANDA_TOKEN=\"{Token}\"\nOANDA_ACCOUNT_ID='101-001-1234567-001'\n\n"));
        Assert.Equal(Token, env.Require("OANDA_TOKEN").Reveal());
        Assert.Equal("101-001-1234567-001", env.Get("OANDA_ACCOUNT_ID")!.Reveal());
        Assert.Null(env.Get("ALGOTRADING_TEST_NOT_SET"));
    }

    [Fact]
    public void Secrets_never_print_in_strings_interpolation_or_logs()
    {
        var env = DotEnvFile.Load(_dir.File(".env", $"OANDA_TOKEN={Token}\n"));
        var secret = env.Require("OANDA_TOKEN");
        Assert.Equal("***", secret.ToString());
        Assert.DoesNotContain(Token, $"token={secret}");
        Assert.DoesNotContain(Token, System.Text.Json.JsonSerializer.Serialize(new { secret = secret.ToString() }));

        var logFile = Path.Combine(_dir.Path, "log.txt");
        using (var log = new Serilog.LoggerConfiguration().WriteTo.File(logFile, formatProvider: null).CreateLogger())
        {
            log.Information("connecting with {Token} and {@Secret}", secret, secret);
        }
        var written = File.ReadAllText(logFile);
        Assert.Contains("***", written);
        Assert.DoesNotContain(Token, written);
    }

    [Fact]
    public void A_malformed_line_is_named_without_its_value()
    {
        var e = Assert.Throws<ConfigurationException>(() => DotEnvFile.Load(_dir.File(".env", $"OANDA_TOKEN={Token}\n{Token}\n")));
        Assert.Contains(":2:", e.Message);
        Assert.DoesNotContain(Token, e.Message);
    }

    [Fact]
    public void A_missing_secret_names_the_key()
    {
        var e = Assert.Throws<ConfigurationException>(() => DotEnvFile.Load(_dir.File(".env", "")).Require("ALGOTRADING_TEST_MISSING"));
        Assert.Contains("ALGOTRADING_TEST_MISSING", e.Message);
    }

    [Fact]
    public void Env_file_is_git_ignored_and_the_example_has_no_values()
    {
        var root = Directory.GetParent(ConfigurationTests.FindConfig())!.FullName;
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(root, ".gitignore")));
        foreach (var line in File.ReadAllLines(Path.Combine(root, ".env.example")).Where(l => l.Contains('=') && !l.StartsWith('#')))
            Assert.EndsWith("=", line);
    }
}
