#ifndef PD_LOG_H
#define PD_LOG_H

/* Lines to stderr, which spawn-fcgi hands to the supervisor's log. */
void	 log_init(const char *program);
void	 log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
