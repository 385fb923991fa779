from outreach_lint.cli import main

main()
