from __future__ import annotations

import pytest

from vaultnet.report.markers import (
    MarkerError,
    Region,
    checksum,
    edited_regions,
    join_segments,
    split_regions,
)

BODY = (
    "intro by the user\n"
    "%% vaultnet:begin:summary %%\n"
    "# Title\n"
    "%% vaultnet:end:summary %%\n"
    "\n"
    "%% vaultnet:begin:table %%\n"
    "| a |\n"
    "%% vaultnet:end:table %%\n"
    "outro\n"
)


def test_split_and_join_keep_text_and_add_checksums() -> None:
    segments = split_regions(BODY)
    assert segments == [
        "intro by the user\n",
        Region("summary", "# Title\n"),
        "\n",
        Region("table", "| a |\n"),
        "outro\n",
    ]
    joined = join_segments(segments)
    assert f"%% vaultnet:begin:summary checksum={checksum('# Title' + chr(10))} %%\n" in joined
    assert split_regions(joined)[1] == Region("summary", "# Title\n", checksum("# Title\n"))
    assert join_segments(split_regions(joined)) == joined  # stable


def test_hand_edit_is_detected_and_crlf_is_not_an_edit() -> None:
    written = join_segments(split_regions(BODY))
    assert edited_regions(written) == []
    assert edited_regions(written.replace("| a |", "| b |")) == ["table"]
    assert edited_regions(written.replace("\n", "\r\n")) == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("%% vaultnet:begin:a %%\nx\n", "no end marker"),
        ("x\n%% vaultnet:end:a %%\n", "without its begin"),
        ("%% vaultnet:begin:a %%\n%% vaultnet:begin:b %%\n", "begins inside"),
        ("%% vaultnet:begin:a %%\n%% vaultnet:end:b %%\n", "without its begin"),
        ("%% vaultnet:begin:a %%\n%% vaultnet:end:a %%\n%% vaultnet:begin:a %%\n"
         "%% vaultnet:end:a %%\n", "appears twice"),
        ("%% vaultnet:begin:Bad_Id %%\n%% vaultnet:end:Bad_Id %%\n", "bad region id"),
    ],
)
def test_malformed_markers(text: str, message: str) -> None:
    with pytest.raises(MarkerError, match=message):
        split_regions(text)


def test_marker_must_be_the_whole_line() -> None:
    text = "see %% vaultnet:begin:a %% here\n- %% vaultnet:end:a %%\n"
    assert split_regions(text) == [text]
