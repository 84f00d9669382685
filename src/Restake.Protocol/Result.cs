namespace Restake.Protocol;

/// <summary>
/// Either a value or one named rejection (<see cref="ProtocolError"/>), for the modules whose calls
/// return something (Babylon, Picasso). Expected rejections are values, never exceptions, and a
/// rejected call changed nothing.
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, ProtocolError? error)
    {
        _value = value;
        Error = error;
    }

    public ProtocolError? Error { get; }

    public bool IsOk => Error is null;

    public T Value => IsOk ? _value! : throw new InvalidOperationException($"no value: {Error}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Fail(string name, string message) => new(default, new ProtocolError(name, message));

    public static Result<T> Fail(ProtocolError error) => new(default, error);

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(ProtocolError error) => new(default, error);

    public override string ToString() => IsOk ? $"Ok({_value})" : $"Error({Error})";
}
