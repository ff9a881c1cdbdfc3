"""Domain tests."""

import pytest

# The shared transition check asserts; let pytest explain its failures as it does for a test module.
pytest.register_assert_rewrite("tests.domain.transitions")
