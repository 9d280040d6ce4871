from kb_build.cli import main

raise SystemExit(main())
