#ifndef PD_LOG_H
#define PD_LOG_H

/*
 * Lines to stderr, "TIME program[pid]: level: text": pdsupervise's
 * stderr, which is the terminal under make run and a log file under
 * systemd (contrib/systemd).
 */
void	 log_init(const char *program);
void	 log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
