/* sozialraumd [-c FILE] [-D DIR] [-f]: the data server (see design.md). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <syslog.h>
#include <unistd.h>

#include "store/budget.h"
#include "server/server.h"

#define DEFAULT_CONFIG "/etc/sozialraum/sozialraum.conf"

static int wake_fd = -1;

/* Signals only set a flag and wake the loop. */
static void on_signal(int sig)
{
	int saved = errno;

	if (sig == SIGHUP)
		server_got_hup = 1;
	else
		server_got_term = 1;
	if (wake_fd >= 0 && write(wake_fd, "s", 1) < 0) {
		/* the pipe is full: the loop is awake anyway */
	}
	errno = saved;
}

static void install_signals(void)
{
	struct sigaction sa = {.sa_handler = on_signal};

	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int usage(FILE *out)
{
	fprintf(out, "usage: sozialraumd [-c FILE] [-D DIR] [-f]\n"
	             "  -c FILE  configuration (default " DEFAULT_CONFIG ")\n"
	             "  -D DIR   data directory (default: data_dir of the configuration)\n"
	             "  -f       stay in the foreground and log to stderr (else syslog)\n");
	return out == stdout ? 0 : 2;
}

static int load(struct server *server, const char *data_dir)
{
	struct config_errors errors = {0};
	enum status st = config_load(server->config_path, &server->config, &errors);

	if (st != STATUS_OK) {
		config_errors_print(&errors, stderr);
		fprintf(stderr, "sozialraumd: configuration %s has errors; not started\n",
		        server->config_path);
	}
	config_errors_free(&errors);
	if (st != STATUS_OK)
		return 1;
	if (!(server->current = config_ref_new(server->config))) {
		config_free(server->config);
		return 1;
	}
	snprintf(server->data_dir, sizeof(server->data_dir), "%s",
	         data_dir ? data_dir : server->config->data_dir);
	if (data_dir)
		snprintf(server->socket_path, sizeof(server->socket_path), "%s/%s", data_dir,
		         WIRE_SOCKET_NAME);
	else
		snprintf(server->socket_path, sizeof(server->socket_path), "%s",
		         server->config->socket_path);
	return 0;
}

/* As many descriptors as the system lets this process have: every
 * session is one (the unit file sets LimitNOFILE). */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int start(struct server *server)
{
	char msg[1024];

	raise_fd_limit();
	server->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (store_open(server->data_dir, 0, &server->store, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "sozialraumd: %s\n", msg);
		return 1;
	}
	/* the budget moves with every write that moves it (the interactive
	 * thread writes, with the configuration in force) */
	store_set_hook(server->store, budget_hook, budget_end, &server->config);
	server->listen_fd = wire_listen(server->socket_path, msg, sizeof(msg));
	if (server->listen_fd < 0 || pipe2(server->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		fprintf(stderr, "sozialraumd: %s\n", msg);
		return 1;
	}
	wake_fd = server->wake[1];
	if (!server->foreground && daemon(1, 0) != 0) {
		fprintf(stderr, "sozialraumd: cannot go to the background: %s\n", strerror(errno));
		return 1;
	}
	server_log_init(server->foreground);
	if (worker_start(server) != 0) {
		server_log(LOG_CRIT, "cannot start the worker thread");
		return 1;
	}
	server->started = time(NULL);
	server_log(LOG_NOTICE, "serving %s on %s", server->data_dir, server->socket_path);
	return 0;
}

static void stop(struct server *server)
{
	reload_stop(server);
	worker_stop(server);
	unlink(server->socket_path);
	store_close(server->store);
	server_log(LOG_NOTICE, "stopped");
	server_config_put(server, server->current);
}

int main(int argc, char **argv)
{
	struct server server = {.config_path = DEFAULT_CONFIG, .listen_fd = -1, .spare_fd = -1};
	const char *data_dir = NULL;
	int c, ret;

	setlocale(LC_ALL, "");
	while ((c = getopt(argc, argv, "c:D:fh")) != -1) {
		switch (c) {
		case 'c':
			server.config_path = optarg;
			break;
		case 'D':
			data_dir = optarg;
			break;
		case 'f':
			server.foreground = true;
			break;
		case 'h':
			return usage(stdout);
		default:
			return usage(stderr);
		}
	}
	if (optind != argc)
		return usage(stderr);
	install_signals();
	if (load(&server, data_dir) != 0)
		return 1;
	if (start(&server) != 0) {
		if (server.listen_fd >= 0)
			unlink(server.socket_path);
		store_close(server.store);
		pthread_mutex_init(&server.jobs_lock, NULL);
		server_config_put(&server, server.current);
		return 1;
	}
	ret = server_run(&server);
	stop(&server);
	return ret;
}
