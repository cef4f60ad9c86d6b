/* The terminal program's entry point: all that src/sozialraum.c sees of
 * the ui layer (no curses here; the screen API is src/ui/ui.h). */
#ifndef UI_MAIN_H
#define UI_MAIN_H

/* Runs the program: OPTIONS from the command line. Returns the exit code. */
struct ui_options {
	const char *config_path;
	const char *data_dir; /* -D, or NULL */
	const char *as_login; /* --as, or NULL */
};
int ui_main(const struct ui_options *options);

#endif
