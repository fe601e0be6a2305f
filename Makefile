# The two commands of the README. Each sets up what is missing, then does its job.
.PHONY: run test lint translations

run:
	@scripts/bootstrap.sh run
	.venv/bin/python -m app

test:
	@scripts/bootstrap.sh test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest $(PYTEST_ARGS)

lint:
	@scripts/bootstrap.sh test
	.venv/bin/ruff check app central migrations resources tests scripts

translations:
	@scripts/bootstrap.sh test
	.venv/bin/python -m app.ui.i18n_build
