"""The plugin's options read without MkDocs' configuration machinery agree with the
plugin's own schema: same values where both read them, never accepted where it refuses."""

from __future__ import annotations

from govreview.plugin.config import GovreviewConfig
from govreview.settings import SettingsError, plain_options, read_settings
from hypothesis import given, settings
from hypothesis import strategies as st

NAMES = [
    "archive",
    "policies",
    "on_blocked",
    "report",
    "lang",
    "column_index",
    "per_page",
    "disclosure",
    "feeds",
    "inputs",
    "includes",
    "max_file_mb",
    "cache",
    "home_items",
    "unknown",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 50),
    st.sampled_from(["zh", "en", "fr", "withhold", "fail", "", "  .cache  ", "policies", "archive/a.jsonl"]),
    st.lists(st.sampled_from(["snippets", "overrides", 3]), max_size=3),
    st.floats(allow_nan=False, max_value=10, min_value=-10),
    st.dictionaries(st.just("a"), st.just(1), max_size=1),
)


def schema_reads(options: dict[str, object]) -> dict[str, object] | None:
    schema = GovreviewConfig()
    schema.load_dict(dict(options))
    errors, _ = schema.validate()
    return None if errors else {name: schema[name] for name in NAMES if name != "unknown"}


@settings(max_examples=1500)
@given(st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=6))
def test_plain_options_are_read_as_the_plugin_reads_them(options):
    plain = plain_options(options)
    expected = schema_reads(options)
    if plain is not None:
        assert expected is not None, "never accept what the plugin's schema refuses"
        assert vars(plain) == expected


def test_the_defaults_are_the_plugins():
    plain = plain_options({})
    assert plain is not None and vars(plain) == schema_reads({})


def test_an_option_the_schema_refuses_is_named_with_the_schemas_words():
    config = "site_name: 测试\nplugins:\n  - govreview:\n      per_page: 二十\n"
    try:
        read_settings("mkdocs.yml", lambda name: config if name == "mkdocs.yml" else None)
    except SettingsError as err:
        assert "per_page" in str(err)
    else:
        raise AssertionError("per_page: 二十 was accepted")
