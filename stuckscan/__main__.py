from stuckscan.cli import main

main()
