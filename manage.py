#!/usr/bin/env python
import os
import secrets
import sys

# Commands that build or check the code base sign nothing (no sessions, tokens or links): they run
# without a configured SECRET_KEY, on a throwaway one, so `makemigrations --check` works anywhere.
# Everything else keeps the settings' refusal to start with DEBUG off and no real key.
BUILD_COMMANDS = {"makemigrations", "showmigrations", "makemessages", "compilemessages", "collectstatic"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
    if len(sys.argv) > 1 and sys.argv[1] in BUILD_COMMANDS and not os.environ.get("SECRET_KEY"):
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
