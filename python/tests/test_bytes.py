# SPDX-License-Identifier: GPL-3.0-or-later
"""Bytes that are not valid UTF-8: offsets stay into the bytes as given,
and the text shows each invalid byte as one U+FFFD, as the command's JSON
does."""
import random

import precis
import pytest

from conftest import DATA, from_command, from_python, parse_json, run_command

WORDS = ("river town rain school families rescue teams night shelter water bridge mayor "
         "council road flood storm police doctors hospital children").split()
# Invalid alone or as a truncated, overlong or surrogate sequence, and
# valid sequences around them.
ODD = [b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98", b"\xc0\xaf",
       b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80",
       b"\x00", b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\xef\xbf\xbd",
       "\u2028".encode(), "\u00a0".encode(), b"\r", b"\t"]


def hostile_document(seed):
    """Sentences of words with odd bytes spliced in, deterministic per seed."""
    rng = random.Random(seed)
    parts = []
    for _ in range(rng.randint(3, 30)):
        words = []
        for _ in range(rng.randint(2, 15)):
            word = rng.choice(WORDS).encode()
            if rng.random() < 0.3:
                cut = rng.randint(0, len(word))
                word = word[:cut] + rng.choice(ODD) + word[cut:]
            words.append(word)
        words[0] = words[0][:1].upper() + words[0][1:]
        parts.append(b" ".join(words) + rng.choice([b". ", b".\n", b"! ", b"? ", b".\n\n"]))
    return b"".join(parts)


def decode_per_byte(raw):
    """The library's reading: a well-formed sequence is its character,
    any other byte one U+FFFD."""
    out, i = [], 0
    while i < len(raw):
        for k in range(1, 5):
            try:
                out.append(raw[i:i + k].decode("utf-8"))
            except UnicodeDecodeError:
                continue
            i += k
            break
        else:
            out.append("\ufffd")
            i += 1
    return "".join(out)


def fold(text):
    """White space folded as the command prints a sentence: runs of Unicode
    White_Space (str.isspace() less U+001C to U+001F) are one space."""
    out, space = [], False
    for c in text:
        is_space = c.isspace() and c not in "\x1c\x1d\x1e\x1f"
        if is_space and not space:
            out.append(" ")
        elif not is_space:
            out.append(c)
        space = is_space
    return "".join(out)


def test_invalid_utf8_offsets_are_into_the_bytes():
    data = (DATA / "invalid.txt").read_bytes()
    summary = precis.summarize(data)
    assert len(summary) == 3
    for s in summary:
        assert s.text == fold(decode_per_byte(data[s.start:s.start + s.length]))
    assert summary[0].text == "The café opened \ufffd\ufffd early."
    assert data[summary[0].start:summary[0].start + summary[0].length] == \
        b"The caf\xc3\xa9 opened \xff\xfe early."


def test_each_invalid_byte_is_one_replacement():
    # Python's own decoder would give one U+FFFD for \xe2\x82 and for
    # \xf0\x9f\x98; the library reads one per byte. The text around them
    # is UTF-8 (a text of stray high bytes alone reads as a legacy 8-bit
    # encoding instead, see test_legacy_8bit_text_is_decoded).
    for odd, count in [(b"\xe2\x82", 2), (b"\xf0\x9f\x98", 3), (b"\xc0\xaf", 2),
                       (b"\xed\xa0\x80", 3), (b"\xff", 1)]:
        data = "The storm \u2013 hit the caf\u00e9 of the ".encode() + odd + b" town at night."
        [s] = precis.summarize(data)
        assert s.text == ("The storm \u2013 hit the caf\u00e9 of the " + "\ufffd" * count +
                          " town at night.")
        assert (s.start, s.length) == (0, len(data))


def test_legacy_8bit_text_is_decoded():
    data = "Le caf\u00e9 de la r\u00e9publique a ferm\u00e9 \u2013 apr\u00e8s trente ans.".encode(
        "cp1252")
    [s] = precis.summarize(data)
    assert s.text == data.decode("cp1252")
    assert (s.start, s.length) == (0, len(data))


@pytest.mark.parametrize("seed", range(40))
def test_hostile_bytes_equal_the_command(command, tmp_path, seed):
    data = hostile_document(seed)
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    expected = parse_json(run_command(command, ["-f", "json", "-n", "4", str(path)]))
    got = precis.summarize(data, n=4)
    assert from_python(got) == from_command(expected["summary"])
    split = parse_json(run_command(command, ["split", "-f", "json", str(path)]))
    assert [s.text for s in precis.split(data)] == split
    extracted = parse_json(run_command(command, ["extract", "-f", "json", str(path)]))
    assert precis.extract(data).text == extracted["text"]
    for s in got:
        assert 0 <= s.start and s.start + s.length <= len(data)
        assert s.text == fold(decode_per_byte(data[s.start:s.start + s.length]))


def test_bytes_and_text_agree_where_both_exist():
    data = (DATA / "french.txt").read_bytes()
    assert precis.summarize(data) == precis.summarize(data.decode())


def test_a_str_without_utf8_is_refused():
    with pytest.raises(UnicodeEncodeError):
        precis.summarize("The river \udcff flooded.")
    assert issubclass(UnicodeEncodeError, ValueError)


def test_a_buffer_that_is_not_contiguous_is_refused():
    view = memoryview(b"The river flooded the town. " * 4)[::2]
    with pytest.raises(BufferError):
        precis.summarize(view)


def test_a_writable_buffer_is_read_as_it_was_at_the_call():
    data = bytearray(b"The river flooded the town after the rain. The school opened.")
    summary = precis.summarize(data, n=1)
    data[:] = b"x" * len(data)
    assert summary[0].text == "The river flooded the town after the rain."


@pytest.mark.parametrize("seed", range(10))
def test_hostile_digests_equal_the_command(command, tmp_path, seed):
    paths = []
    for i in range(3):
        paths.append(tmp_path / ("doc%d.txt" % i))
        paths[-1].write_bytes(hostile_document(seed * 3 + i))
    expected = parse_json(run_command(command, ["digest", "-f", "json", "-n", "5",
                                                *map(str, paths)]))
    got = precis.digest([p.read_bytes() for p in paths], n=5)
    assert [str(paths[s.document]) for s in got] == [i["id"] for i in expected["summary"]]
    assert from_python(got) == from_command(expected["summary"])


def test_an_encoding_given_decodes_the_bytes_and_offsets_stay_theirs():
    text = ("Le café était fermé après trois jours de pluie. "
            "Les équipes de secours sont arrivées à l'école. La pluie a cessé vendredi.")
    for encoding, data in [("windows-1252", text.encode("cp1252")),
                           ("UTF-16LE", text.encode("utf-16-le"))]:
        summary = precis.summarize(data, n=3, encoding=encoding)
        assert [s.text for s in summary] == [
            "Le café était fermé après trois jours de pluie.",
            "Les équipes de secours sont arrivées à l'école.",
            "La pluie a cessé vendredi."]
        for s in summary:
            assert data[s.start:s.start + s.length].decode(
                "cp1252" if encoding == "windows-1252" else "utf-16-le") == s.text
        assert [s.text for s in precis.split(data, encoding=encoding)] == \
            [s.text for s in summary]
