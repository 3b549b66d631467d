/*
 * What a durable commit costs on this disk, and whether concurrent
 * commits share it (docs/performance.md, "Durability").  N processes,
 * each with its own descriptor of one file as SQLite's workers have of
 * the WAL, append 4 KiB and fdatasync it, over and over, for SECONDS.
 * Prints the syncs per second of all of them and the latency of one.
 *   bench-fsync DIR SECONDS N…
 * Not a test: nothing passes or fails on a figure.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LAT_MAX	200000	/* latencies kept per process */

static int64_t
now_us(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int
by_value(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* One writer: its latencies (µs) into lat, their count returned. */
static size_t
writer(const char *path, int64_t until, int64_t *lat)
{
	char	 page[4096];
	size_t	 n = 0;
	int	 fd = open(path, O_WRONLY | O_APPEND);

	if (fd < 0) {
		perror(path);
		exit(1);
	}
	memset(page, 'w', sizeof(page));
	while (n < LAT_MAX && now_us() < until) {
		int64_t	 start = now_us();

		if (write(fd, page, sizeof(page)) != (ssize_t)sizeof(page) ||
		    fdatasync(fd) != 0) {
			perror("write, fdatasync");
			exit(1);
		}
		lat[n++] = now_us() - start;
	}
	close(fd);
	return n;
}

/* N writers for seconds: "N syncs/s p50 p99" on stdout. */
static void
run(const char *path, int seconds, int nproc)
{
	int64_t	*lat, until, total = 0;
	size_t	*count;
	int	 fd, status, failed = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || fsync(fd) != 0) {
		perror(path);
		exit(1);
	}
	close(fd);
	lat = mmap(NULL, sizeof(*lat) * LAT_MAX * nproc, PROT_READ |
	    PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	count = mmap(NULL, sizeof(*count) * nproc, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (lat == MAP_FAILED || count == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	until = now_us() + (int64_t)seconds * 1000000;
	for (int i = 0; i < nproc; i++)
		if (fork() == 0) {
			count[i] = writer(path, until, lat + (size_t)i * LAT_MAX);
			_exit(0);
		}
	/* A writer that failed (an I/O error) must not be averaged in. */
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed = 1;
	if (failed) {
		fprintf(stderr, "bench-fsync: a writer failed\n");
		exit(1);
	}
	/* The latencies side by side, for one sort over all of them. */
	for (int i = 0; i < nproc; i++) {
		memmove(lat + total, lat + (size_t)i * LAT_MAX,
		    count[i] * sizeof(*lat));
		total += (int64_t)count[i];
	}
	qsort(lat, (size_t)total, sizeof(*lat), by_value);
	printf("%2d writers: %6.0f syncs/s, p50 %.2f ms, p99 %.2f ms\n",
	    nproc, (double)total / seconds,
	    total ? lat[total / 2] / 1000.0 : 0,
	    total ? lat[total * 99 / 100] / 1000.0 : 0);
	munmap(lat, sizeof(*lat) * LAT_MAX * nproc);
	munmap(count, sizeof(*count) * nproc);
	unlink(path);
}

int
main(int argc, char *argv[])
{
	char	 path[4096];
	int	 seconds;

	if (argc < 4) {
		fprintf(stderr, "usage: bench-fsync DIR SECONDS N…\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/bench-fsync.%d", argv[1], getpid());
	seconds = (int)strtol(argv[2], NULL, 10);
	if (seconds < 1)
		seconds = 1;
	for (int i = 3; i < argc; i++) {
		int	 n = (int)strtol(argv[i], NULL, 10);

		if (n >= 1 && n <= 64)
			run(path, seconds, n);
	}
	return 0;
}
