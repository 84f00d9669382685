namespace Restake.Rewards;

/// <summary>UTC days as the Unix time of their midnight: snapshot D describes the state at D 00:00.</summary>
public static class Days
{
    public const long Seconds = 86_400;

    public static long Floor(long time) => time - (((time % Seconds) + Seconds) % Seconds);
}
