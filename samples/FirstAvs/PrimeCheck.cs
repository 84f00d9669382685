using Restake.AvsFramework;
using Restake.Primitives;

namespace FirstAvs;

/// <summary>An AVS that answers "is this number prime?" with 1 or 0. A wrong verdict costs 1 % of the operator's stETH.</summary>
public sealed class PrimeCheck : AvsDefinition
{
    public override string Name => "prime-check";

    // Answers backing the accepted verdict must hold 60 % of the set's slashable stETH at the task's reference block.
    public override IReadOnlyList<QuorumThreshold> Quorum { get; } = [new("stETH", 60)];

    public override IReadOnlyList<string> TaskTypes { get; } = ["is-prime"];

    public override SlashRule Slash { get; } = new(Wad.Unit / (UInt256)100UL, ["stETH"]);

    // 0.001 rETH a task, shared by the operators whose answer backed the verdict.
    public override RewardsPolicy Rewards { get; } = new("rETH", UInt256.Pow10(15));

    public override string? CheckTask(string type, UInt256 input) =>
        input < (UInt256)1_000_000_000_000UL ? null : "ask about numbers below 10^12";

    public override string? CheckResponse(AvsTask task, UInt256 value) =>
        value <= UInt256.One ? null : "answer 1 (prime) or 0 (not prime)";

    public override UInt256 HonestAnswer(AvsTask task) => IsPrime((ulong)task.Input) ? UInt256.One : UInt256.Zero;

    // What a lying worker answers when `restake avs run --liars` plays one.
    public override UInt256 WrongAnswer(AvsTask task) => UInt256.One - HonestAnswer(task);

    // The verdict with the most stake behind it.
    public override UInt256 Accept(AvsTask task, IReadOnlyList<Report> reports) => HeaviestAnswer(reports);

    public override bool Supports(AvsTask task, UInt256 accepted, UInt256 value) => value == accepted;

    // Anyone can check primality, so a wrong verdict is a provable fault whatever the majority said.
    public override bool IsFault(AvsTask task, UInt256 accepted, UInt256 value) => value != HonestAnswer(task);

    private static bool IsPrime(ulong n)
    {
        if (n < 2)
        {
            return false;
        }
        for (ulong d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }
        return true;
    }
}
