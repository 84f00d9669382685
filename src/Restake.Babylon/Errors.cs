namespace Restake.Babylon;

/// <summary>A named rejection: the code is the upstream error's name where one exists (btcstaking/errors.go, x/finality, x/btccheckpoint).</summary>
public sealed record BabylonError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Either a value or one named error; expected rejections are values, never exceptions.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, BabylonError? error)
    {
        _value = value;
        Error = error;
    }

    public BabylonError? Error { get; }

    public bool Ok => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"no value: {Error}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Fail(string code, string message) => new(default, new BabylonError(code, message));

    public static Result<T> Fail(BabylonError error) => new(default, error);

    public static implicit operator Result<T>(BabylonError error) => new(default, error);
}

public static class Errors
{
    public static BabylonError Of(string code, string message) => new(code, message);
}
