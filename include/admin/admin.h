/* sozialraum-admin's commands, called from its main. */
#ifndef ADMIN_ADMIN_H
#define ADMIN_ADMIN_H

/* Parses options and runs one command; returns the exit code (0 success,
 * 1 a finding, 2 bad usage). */
int admin_main(int argc, char **argv);

#endif
