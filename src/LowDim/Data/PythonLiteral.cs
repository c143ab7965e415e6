using System.Globalization;
using System.Text;

namespace LowDim.Data;

/// <summary>
/// Parses the Python literals that NumPy writes in .npy headers: dicts, tuples, lists, strings,
/// integers (with Python 2's <c>L</c> suffix), <c>True</c>, <c>False</c> and <c>None</c>.
/// </summary>
/// <remarks>
/// Values come back as <see cref="string"/>, <see cref="long"/>, <see cref="bool"/>, <c>null</c>,
/// <see cref="List{T}"/> of values (tuples and lists) and <see cref="Dictionary{TKey, TValue}"/>
/// with string keys.
/// </remarks>
internal sealed class PythonLiteral
{
    private readonly string _text;
    private int _position;

    private PythonLiteral(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>, which holds one literal and nothing else but spaces.</summary>
    /// <exception cref="FormatException">The text is not such a literal; the message says where.</exception>
    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text);
        object? value = parser.Value();
        parser.SkipSpaces();
        if (parser._position != text.Length)
        {
            throw parser.Error("unexpected text after the literal");
        }
        return value;
    }

    private object? Value()
    {
        SkipSpaces();
        if (_position == _text.Length)
        {
            throw Error("unexpected end");
        }
        char c = _text[_position];
        return c switch
        {
            '{' => Dict(),
            '(' => Sequence(')'),
            '[' => Sequence(']'),
            '\'' or '"' => String(),
            _ when c == '-' || char.IsAsciiDigit(c) => Integer(),
            _ => Word(),
        };
    }

    private Dictionary<string, object?> Dict()
    {
        var dict = new Dictionary<string, object?>();
        _position++;
        while (!TryConsume('}'))
        {
            if (Value() is not string key)
            {
                throw Error("dict keys must be strings");
            }
            if (!TryConsume(':'))
            {
                throw Error("expected ':'");
            }
            dict[key] = Value();
            if (!TryConsume(',') && !Peek('}'))
            {
                throw Error("expected ',' or '}'");
            }
        }
        return dict;
    }

    private List<object?> Sequence(char close)
    {
        var items = new List<object?>();
        _position++;
        while (!TryConsume(close))
        {
            items.Add(Value());
            if (!TryConsume(',') && !Peek(close))
            {
                throw Error($"expected ',' or '{close}'");
            }
        }
        return items;
    }

    private string String()
    {
        char quote = _text[_position++];
        var value = new StringBuilder();
        while (_position < _text.Length && _text[_position] != quote)
        {
            char c = _text[_position++];
            if (c == '\\' && _position < _text.Length)
            {
                c = _text[_position++];
            }
            value.Append(c);
        }
        if (_position == _text.Length)
        {
            throw Error("unterminated string");
        }
        _position++;
        return value.ToString();
    }

    private long Integer()
    {
        int start = _position;
        _position++;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }
        if (!long.TryParse(_text.AsSpan(start, _position - start), NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out long value))
        {
            throw Error("bad integer");
        }
        TryConsume('L');
        return value;
    }

    private object? Word()
    {
        int start = _position;
        while (_position < _text.Length && char.IsAsciiLetter(_text[_position]))
        {
            _position++;
        }
        return _text[start.._position] switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            _ => throw Error("unexpected character", start),
        };
    }

    private bool TryConsume(char c)
    {
        SkipSpaces();
        if (Peek(c))
        {
            _position++;
            return true;
        }
        return false;
    }

    private bool Peek(char c)
    {
        SkipSpaces();
        return _position < _text.Length && _text[_position] == c;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string problem, int? at = null) =>
        new($"{problem} at character {at ?? _position}");
}
