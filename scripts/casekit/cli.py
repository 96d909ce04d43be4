"""Command lines in the contributor's language: a script's --help, usage and errors.

A script builds its ``Parser`` for a ``Language`` (``language`` finds it before the arguments
are parsed: ``--lang X`` or ``--lang=X`` in them, else the environment, as
``messages.for_contributor`` reads it) and gives its description and every help text as
messages (``_()``); the parser says them, its own words (usage, the section titles, -h) and
argparse's errors in that language. Only argparse's public interface is used: the constructor's
documented parameters, argument groups, and the documented methods ``format_usage``,
``format_help`` and ``error``; an error message argparse makes that is not mapped here is
shown as argparse wrote it, never dropped.

    language = cli.language(project.languages(project.ROOT), argv)
    parser = cli.Parser(language, _("Check case studies …"))
    parser.add_argument("--format", choices=("text", "github"), help=_("…"))
"""
from __future__ import annotations

import argparse
import ast
import os
import re
import sys

from .messages import Listing, Message, _, _n, for_contributor, match

USAGE = "usage: "  # argparse's own prefix (its words are English: Python ships no catalogue of them)


class _Quiet(argparse.ArgumentParser):
    """The parser that finds --lang before the real one: it never prints or exits."""

    def error(self, message):
        raise ValueError(message)


def language(languages, argv=None, environ=None, option: str | None = "--lang"):
    """The language a script speaks, known before its arguments are parsed (so that --help and
    the errors are said in it): the value of ``option`` in ``argv`` (``--lang es`` or
    ``--lang=es``) when it names one of ``languages``; else the first the environment asks for
    (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the Windows user locale) that the site has; else
    English. ``option`` None: the script has no such option."""
    environ = os.environ if environ is None else environ
    wanted = None
    if option:
        pre = _Quiet(add_help=False)
        pre.add_argument(option)
        try:
            found, _rest = pre.parse_known_args(sys.argv[1:] if argv is None else list(argv))
            wanted = getattr(found, option.lstrip("-").replace("-", "_"))
        except ValueError:  # e.g. --lang with no value: the real parser says so
            wanted = None
    if wanted and match(wanted, languages) is None:
        wanted = None  # not a language of the site: the real parser or the script says so, in the environment's
    return for_contributor(wanted, languages, environ)


class Parser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` that speaks ``language``: ``description``, ``epilog`` and
    each argument's ``help`` may be messages; its arguments are shown under titles in the
    language ("arguments", "options"), its usage and errors too. Errors: the usage, then
    ``prog: error: what is wrong. Fix: …`` on standard error, exit status 2."""

    def __init__(self, language, description=None, epilog=None, **kwargs):
        self.language = language
        say = language.say
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        kwargs["add_help"] = False  # our -h, with its help in the language
        super().__init__(description=say(description) if description is not None else None,
                         epilog=say(epilog) if epilog is not None else None, **kwargs)
        self.positional_group = _Speaking(self.add_argument_group(say(_("arguments"))), language)
        self.option_group = _Speaking(self.add_argument_group(say(_("options"))), language)
        self.option_group.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                                       help=say(_("show this help and exit")))

    @property
    def command(self) -> str:
        """The command that runs the script, as the documents write it."""
        return f"python3 scripts/{self.prog}"

    def add_argument(self, *names, **kwargs):
        """As ArgumentParser's, with ``help`` said in the language, the argument placed under
        its translated title."""
        optional = bool(names) and names[0][:1] in self.prefix_chars
        group = self.option_group if optional else self.positional_group
        return group.add_argument(*names, **_said(self.language, kwargs))

    def add_mutually_exclusive_group(self, **kwargs):
        """A group of options of which one at most may be given, shown among the options (its
        arguments' help said in the language too)."""
        return self.option_group.add_mutually_exclusive_group(**kwargs)

    def format_usage(self) -> str:
        return self._translated_usage(super().format_usage())

    def format_help(self) -> str:
        return self._translated_usage(super().format_help())

    def _translated_usage(self, text: str) -> str:
        """``text`` with argparse's "usage: " said in the language, the usage's further lines
        moved to stay aligned under the first."""
        if not text.startswith(USAGE):
            return text
        prefix = self.language.say(_("usage:")) + " "
        shift = len(prefix) - len(USAGE)
        head, blank, rest = text.partition("\n\n")
        lines = head.split("\n")
        moved = [prefix + lines[0][len(USAGE):]]
        for line in lines[1:]:
            if not line.strip():
                moved.append(line)
            elif shift >= 0:
                moved.append(" " * shift + line)
            else:
                indent = len(line) - len(line.lstrip(" "))
                moved.append(line[min(-shift, indent):])
        return "\n".join(moved) + blank + rest

    def error(self, message):
        """Print the usage and what is wrong with the command line, with its fix, in the
        language; exit with status 2."""
        self.print_usage(sys.stderr)
        said = self.language.say(explain(message, self.command))
        self.exit(2, self.language.say(_("{prog}: error: {message}", prog=self.prog, message=said)) + "\n")


def _said(language, kwargs: dict) -> dict:
    """An argument's keywords with its help said in ``language``."""
    if isinstance(kwargs.get("help"), Message):
        return {**kwargs, "help": language.say(kwargs["help"])}
    return kwargs


class _Speaking:
    """A group of a Parser (argparse's argument group or mutually exclusive group) whose
    arguments' help is said in the parser's language."""

    def __init__(self, group, language):
        self.group, self.language = group, language

    def add_argument(self, *names, **kwargs):
        return self.group.add_argument(*names, **_said(self.language, kwargs))

    def add_mutually_exclusive_group(self, **kwargs):
        return _Speaking(self.group.add_mutually_exclusive_group(**kwargs), self.language)

    def __getattr__(self, name):
        return getattr(self.group, name)


def _value(text: str) -> str:
    """A value argparse quoted with repr(), as the contributor typed it."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


# argparse's messages (Python 3.11 to 3.14 word them so), and what each is said as
_ARGUMENT = re.compile(r"argument (?P<argument>\S+): (?P<message>.*)", re.S)


def explain(message, command: str):
    """What an argparse error ``message`` says, as a message with its fix; a message of the
    script's own is kept; one argparse words in a way not known here stays as it is."""
    if isinstance(message, Message):
        return message
    message = str(message)
    found = re.fullmatch(r"the following arguments are required: (.+)", message, re.S)
    if found:
        names = found.group(1).split(", ")
        return _n("The argument {names} is missing. Fix: give it as the usage above shows ({command} --help explains it).",
                  "The arguments {names} are missing. Fix: give them as the usage above shows ({command} --help explains them).",
                  len(names), names=Listing(names), command=command)
    found = re.fullmatch(r"unrecognized arguments: (.+)", message, re.S)
    if found:
        given = found.group(1)
        return _n("This script has no option or argument {given}. Fix: check the spelling against {command} --help.",
                  "This script has no options or arguments {given}. Fix: check the spelling against {command} --help.",
                  len(given.split()), given=given, command=command)
    found = re.fullmatch(r"ambiguous option: (\S+) could match (.+)", message, re.S)
    if found:
        return _("{option} could be any of {matches}. Fix: write the option in full.",
                 option=found.group(1), matches=Listing(found.group(2).split(", "), "or"))
    found = _ARGUMENT.fullmatch(message)
    if not found:
        return message
    argument, said = found.group("argument"), found.group("message")
    choice = re.fullmatch(r"invalid choice: (.+?) \(choose from (.+)\)", said, re.S)
    if choice:
        choices = [_value(item) for item in choice.group(2).split(", ")]
        return _("{argument}: '{value}' is not one of its choices. Fix: use {choices}.",
                 argument=argument, value=_value(choice.group(1)), choices=Listing(choices, "or"))
    if said == "expected one argument":
        return _("{argument} needs a value right after it. Fix: write it as the usage above shows, e.g. {argument} VALUE.",
                 argument=argument)
    if said == "expected at least one argument":
        return _("{argument} needs at least one value after it. Fix: write them as the usage above shows.", argument=argument)
    count = re.fullmatch(r"expected (\d+) arguments?", said)
    if count:
        return _n("{argument} needs {count} value after it. Fix: write it as the usage above shows.",
                  "{argument} needs {count} values after it. Fix: write them as the usage above shows.",
                  int(count.group(1)), argument=argument)
    typed = re.fullmatch(r"invalid (\w+) value: (.+)", said, re.S)
    if typed:
        kind, value = typed.group(1), _value(typed.group(2))
        if kind == "int":
            return _("{argument}: '{value}' is not a whole number. Fix: write a whole number in digits, e.g. {argument} 3.",
                     argument=argument, value=value)
        if kind == "float":
            return _("{argument}: '{value}' is not a number. Fix: write a number in digits, e.g. {argument} 2.5.",
                     argument=argument, value=value)
        return _("{argument}: '{value}' is not in the form it takes. Fix: see {command} --help.",
                 argument=argument, value=value, command=command)
    other = re.fullmatch(r"not allowed with argument (\S+)", said)
    if other:
        return _("{argument} cannot be given together with {other}. Fix: give only one of them.",
                 argument=argument, other=other.group(1))
    return message


def stop_quietly_on_closed_pipe() -> None:
    """A report piped into a command that stops reading (``validate.py | head -1``) ends the
    script the way any Unix tool ends there, without a traceback: the default action of SIGPIPE,
    which Python replaces with an exception (Windows has no such signal)."""
    import signal
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
