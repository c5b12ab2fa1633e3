from auditor.command import run

run()
