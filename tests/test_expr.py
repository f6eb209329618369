from decimal import Decimal

import pytest

from reportlint.pack.expr import ExprError, Num, Ref, evaluate, parse_equation


def test_parse_and_evaluate_with_labels_numbers_and_parentheses():
    eq = parse_equation("[一、本年新收/总计] + [二] = ([（七）总计] - 1) + [四/*] + 1")
    assert [r.parts for r in eq.refs()] == [("一、本年新收", "总计"), ("二",), ("（七）总计",), ("四", "*")]
    assert eq.refs()[3].wildcard
    values = {"一、本年新收/总计": Decimal(10), "二": Decimal(2), "（七）总计": Decimal(9), "四/*": Decimal(3)}
    assert evaluate(eq.left, lambda r: values[r.selector]) == Decimal(12)
    assert evaluate(eq.right, lambda r: values[r.selector]) == Decimal(12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[a] + = [b]", "unexpected '=' (at character 7)"),
        ("[a] + [b]", "an equation needs '=' (or '>=', '<=') (at character 10)"),
        ("[a] = [b] = [c]", "unexpected '=' (at character 11)"),
        ("[a] = ([b]", "missing ')' (at character 11)"),
        ("[a] = __import__('os')", "unexpected text '__import__' (at character 7)"),
        ("[a/*/b] = 1", "'*' may only be the last label of a path (at character 1)"),
        ("1 = 1", "an equation needs at least one [label] (at character 1)"),
        ("[] = [b]", "empty label in [] (at character 1)"),
    ],
)
def test_invalid_equations_are_refused_with_position(text, message):
    with pytest.raises(ExprError) as info:
        parse_equation(text)
    assert str(info.value) == message


def test_numbers_are_exact_decimals():
    eq = parse_equation("[a] = 0.1 + 0.2")
    assert isinstance(eq.right.left, Num)
    assert evaluate(eq.right, lambda r: Decimal(0)) == Decimal("0.3")
    assert isinstance(eq.left, Ref)


def test_equation_sides_as_signed_terms():
    from reportlint.checks.table_arithmetic import _terms

    # what table_arithmetic sums per line: a minus before brackets flips the signs inside them
    eq = parse_equation("[a] - ([b] - [c]) + 2 = [d] - 1")
    assert _terms(eq.left, 0) == (Decimal(2), ((False, 0), (True, 1), (False, 2)))
    assert _terms(eq.right, 3) == (Decimal(-1), ((False, 3),))
