/*
 * Email notifications, queued in the outbox table inside the caller's
 * transaction; tools/pdctl "mail" renders and sends them.  Only public
 * timeline events can be queued for a partner: the statements join on
 * visibility, so an internal note never reaches an email.
 */
#ifndef PD_OUTBOX_H
#define PD_OUTBOX_H

#include <stdint.h>

/* An operator's public event on a request, to the partner's contact. */
int	 outbox_request_event(int64_t request_id, int64_t event_id);
/* A new request, to every support agent. */
int	 outbox_new_request(int64_t request_id);
/* A remediation step, to the other side: the partner's global admins
 * when the operator acted, else the operator admins. */
int	 outbox_case_event(int64_t case_id, int64_t event_id, int by_operator);
/* An invitation to the user, in lang unless the user chose a language;
 * its link is made when it is sent. */
int	 outbox_invitation(int64_t user_id, const char *lang);
/*
 * A reset link to the active user with that email.  Queued the same
 * way when there is none (and then never sent), so that the asking
 * takes the same time either way.
 */
int	 outbox_password_reset(const char *email, const char *lang);

/*
 * Sends what is due through sendmail (its path); returns how many were
 * sent.  The "mail" view must be compiled (render_init) first.
 */
int	 outbox_send(const char *sendmail, const char *base_url,
	    const char *from);

#endif
