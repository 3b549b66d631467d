/*
 * pdsupervise: keeps N workers of one program running, and never gives up.
 *   pdsupervise [-n WORKERS] [-s SOCKET] -- PROGRAM [ARG ...]
 *
 * The listening socket is SOCKET (created here; only this user may
 * connect) or the one systemd passes (socket activation, LISTEN_FDS).
 * Each worker gets it as its standard input, the FastCGI listening
 * socket, as spawn-fcgi hands it over.  The supervisor holds it open the
 * whole time, so while a worker restarts, new connections wait in the
 * socket's queue instead of being refused: only the request a dying
 * worker was serving fails.  Without a socket, the program is simply
 * kept running (the notification sender under `make run`).
 *
 * A worker that dies is logged with the program's name, its pid and its
 * exit status or signal, and restarted: at once if it had run for a
 * second or more, else after a delay that doubles with each quick death
 * in a row (0.1 s up to 1 s): a program that cannot start does not
 * spin, and one whose workers are killed again and again (kill -9, the
 * OOM killer) is back within a second of the last time.
 *
 * SIGTERM or SIGINT: the workers get SIGTERM, and the supervisor exits
 * once they are all gone (those left after 10 s get SIGKILL).  Should
 * the supervisor itself die, its workers get SIGTERM from the kernel.
 * A socket systemd passed stays systemd's; one made here is removed.
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define MAX_WORKERS	64
#define QUICK_DEATH_MS	1000	/* a worker that dies sooner died quickly */
#define FIRST_DELAY_MS	100	/* the wait after a first quick death */
#define MAX_DELAY_MS	1000
#define STOP_GRACE_MS	10000	/* SIGTERM to SIGKILL when stopping */
#define BACKLOG		1024	/* connections waiting while workers restart */
#define SYSTEMD_FD	3	/* sd_listen_fds(3): the first passed socket */

struct worker {
	pid_t		 pid;		/* 0 while waiting to be restarted */
	long long	 started_ms;
	long long	 restart_ms;	/* when to start it again */
	int		 quick;		/* quick deaths in a row */
};

static volatile sig_atomic_t got_stop;
static const char	*name;		/* the program's base name, for the log */

static void
on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

/* SIGCHLD only has to interrupt ppoll(); waitpid() does the work. */
static void
on_child(int sig)
{
	(void)sig;
}

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
usage(void)
{
	fputs("usage: pdsupervise [-n WORKERS] [-s SOCKET] -- PROGRAM [ARG ...]\n",
	    stderr);
	exit(2);
}

/*
 * A new Unix socket at path.  A socket file nobody answers on is left
 * over from an earlier run and replaced; one that answers is in use.
 */
static int
listen_unix(const char *path)
{
	struct sockaddr_un sun;
	mode_t		 old;
	int		 fd, probe;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_err("%s: path longer than %zu bytes", path,
		    sizeof(sun.sun_path) - 1);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (probe >= 0 &&
	    connect(probe, (struct sockaddr *)&sun, sizeof(sun)) == 0) {
		log_err("%s is in use", path);
		close(probe);
		return -1;
	}
	if (probe >= 0)
		close(probe);
	if (unlink(path) == -1 && errno != ENOENT) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		log_err("socket: %s", strerror(errno));
		return -1;
	}
	old = umask(0177);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(fd, BACKLOG) == -1) {
		log_err("%s: %s", path, strerror(errno));
		umask(old);
		close(fd);
		return -1;
	}
	umask(old);
	return fd;
}

/* The socket systemd passed, if it passed one to this very process;
 * -1 when it passed none, -2 when what it passed is not one socket. */
static int
systemd_socket(void)
{
	const char	*pid = getenv("LISTEN_PID");
	const char	*fds = getenv("LISTEN_FDS");
	char		*end;
	long		 p;

	if (pid == NULL && fds == NULL)
		return -1;
	p = strtol(pid == NULL ? "" : pid, &end, 10);
	if (fds == NULL || *end != '\0' || p != (long)getpid() ||
	    strcmp(fds, "1") != 0) {
		/* Workers without their socket would only die and restart,
		 * forever: refuse to start instead. */
		log_err("systemd passed LISTEN_PID=%s LISTEN_FDS=%s: wanted "
		    "one socket for this process", pid ? pid : "",
		    fds ? fds : "");
		return -2;
	}
	/* The workers must not take the socket for theirs. */
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	fcntl(SYSTEMD_FD, F_SETFD, FD_CLOEXEC);
	return SYSTEMD_FD;
}

static void
start(struct worker *w, int sock, char **argv, const sigset_t *mask)
{
	pid_t	 parent = getpid(), pid = fork();

	if (pid == 0) {
		/*
		 * A worker outlives no supervisor (kill -9, the OOM killer):
		 * left behind it would keep the socket, and the next
		 * supervisor would find it in use.
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 ||
		    getppid() != parent)
			_exit(127);
		/*
		 * The supervisor's handlers stay until execv(): a SIGTERM
		 * sent now would be caught by on_stop() and lost, leaving
		 * the worker to be killed after the grace time.
		 */
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		sigprocmask(SIG_SETMASK, mask, NULL);
		/* Started with stdin closed, sock is 0: dup2() onto itself
		 * would leave it close-on-exec. */
		if (sock == STDIN_FILENO ? fcntl(sock, F_SETFD, 0) == -1 :
		    sock >= 0 && dup2(sock, STDIN_FILENO) == -1)
			_exit(127);
		execv(argv[0], argv);
		log_err("%s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	w->started_ms = now_ms();
	if (pid > 0) {
		w->pid = pid;
		return;
	}
	log_err("%s: fork: %s", name, strerror(errno));
	w->restart_ms = w->started_ms + FIRST_DELAY_MS;
}

/* Logs a worker's death and says when it starts again. */
static void
died(struct worker *w, int status)
{
	long long	 now = now_ms();
	long long	 lived = now - w->started_ms;
	long long	 delay = 0;
	char		 how[128];

	/* 0.1, 0.2, 0.4, 0.8 s, then 1 s for each further quick death. */
	if (lived >= QUICK_DEATH_MS)
		w->quick = 0;
	else if (w->quick < 5)
		w->quick++;
	if (w->quick > 0)
		delay = w->quick < 5 ? FIRST_DELAY_MS << (w->quick - 1) :
		    MAX_DELAY_MS;
	if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), "was killed by signal %d (%s)",
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(how, sizeof(how), "exited with status %d",
		    WEXITSTATUS(status));
	log_err("%s[%d] %s after %.1f s; restarting in %.1f s", name,
	    (int)w->pid, how, lived / 1000.0, delay / 1000.0);
	w->pid = 0;
	w->restart_ms = now + delay;
}

static int
running(const struct worker *w, int n)
{
	int	 k = 0;

	for (int i = 0; i < n; i++)
		k += w[i].pid > 0;
	return k;
}

static void
signal_all(const struct worker *w, int n, int sig)
{
	for (int i = 0; i < n; i++)
		if (w[i].pid > 0)
			kill(w[i].pid, sig);
}

int
main(int argc, char *argv[])
{
	struct worker	 workers[MAX_WORKERS];
	struct sigaction sa;
	sigset_t	 block, orig;
	const char	*path = NULL;
	char		*end;
	long		 n = 1;
	long long	 deadline = 0;
	int		 c, sock, stopping = 0;

	log_init("pdsupervise");
	while ((c = getopt(argc, argv, "+n:s:")) != -1)
		switch (c) {
		case 'n':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > MAX_WORKERS)
				usage();
			break;
		case 's':
			path = optarg;
			break;
		default:
			usage();
		}
	argv += optind;
	if (argv[0] == NULL || argv[0][0] != '/') {
		fputs("pdsupervise: PROGRAM must be an absolute path\n", stderr);
		usage();
	}
	name = strrchr(argv[0], '/') + 1;

	sock = path != NULL ? listen_unix(path) : systemd_socket();
	if ((path != NULL && sock == -1) || sock == -2)
		return 1;

	/* Signals arrive only inside ppoll(), so none is missed or racy. */
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &orig);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);

	memset(workers, 0, sizeof(workers));
	for (;;) {
		long long	 now = now_ms(), wake = LLONG_MAX;
		struct timespec	 ts;
		pid_t		 pid;
		int		 status;

		if (got_stop && !stopping) {
			stopping = 1;
			deadline = now + STOP_GRACE_MS;
			signal_all(workers, (int)n, SIGTERM);
		}
		if (stopping && now >= deadline) {
			signal_all(workers, (int)n, SIGKILL);
			deadline = LLONG_MAX;
		}
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			for (int i = 0; i < n; i++)
				if (workers[i].pid == pid) {
					if (stopping)
						workers[i].pid = 0;
					else
						died(&workers[i], status);
				}
		if (stopping && running(workers, (int)n) == 0)
			break;
		for (int i = 0; i < n && !stopping; i++) {
			if (workers[i].pid == 0 &&
			    workers[i].restart_ms <= now)
				start(&workers[i], sock, argv, &orig);
			if (workers[i].pid == 0 && workers[i].restart_ms < wake)
				wake = workers[i].restart_ms;
		}
		if (stopping)
			wake = deadline;
		if (wake != LLONG_MAX) {
			long long	 ms = wake > now ? wake - now : 0;

			ts.tv_sec = ms / 1000;
			ts.tv_nsec = (ms % 1000) * 1000000;
		}
		ppoll(NULL, 0, wake != LLONG_MAX ? &ts : NULL, &orig);
	}
	if (path != NULL)
		unlink(path);
	return 0;
}
