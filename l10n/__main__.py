from l10n.entry import main

if __name__ == "__main__":  # not when a spawned worker process (a Dask LocalCluster) imports it as __mp_main__
    main()
