using Restake.Primitives;

namespace Restake.Markets;

/// <summary>A two-token pool that liquidators and arbitrageurs trade against.</summary>
public interface IPool
{
    string Token0 { get; }
    string Token1 { get; }
    UInt256 Balance(string token);

    /// <summary>What selling <paramref name="amountIn"/> of <paramref name="tokenIn"/> would return now, fees included; nothing changes.</summary>
    UInt256 Quote(string tokenIn, UInt256 amountIn);

    /// <summary>Sells <paramref name="amountIn"/> of <paramref name="tokenIn"/>; refused (nothing changes) when the output is below <paramref name="minOut"/>.</summary>
    UInt256 Swap(string tokenIn, UInt256 amountIn, UInt256 minOut);

    /// <summary>The marginal price of <paramref name="token"/> in the other token, wad, before fees.</summary>
    UInt256 SpotPrice(string token);
}

/// <summary>Shared checks of the two pool kinds.</summary>
internal static class Pools
{
    public static int IndexOf(IPool pool, string token)
    {
        if (token == pool.Token0)
        {
            return 0;
        }
        MarketRevert.If(token != pool.Token1, "UnknownToken", $"the pool trades {pool.Token0} and {pool.Token1}, not {token}");
        return 1;
    }
}
