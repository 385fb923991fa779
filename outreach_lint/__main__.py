from outreach_lint.cli import main

if __name__ == "__main__":  # a spawned --jobs worker imports this module again, as __mp_main__: no second run
    main()
