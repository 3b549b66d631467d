/*
 * Email notifications, queued in the outbox table inside the caller's
 * transaction; tools/pdctl "mail" renders and sends them.  Only public
 * timeline events can be queued for a partner: the statements join on
 * visibility, so an internal note never reaches an email.
 */
#ifndef PD_OUTBOX_H
#define PD_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "request.h"

/*
 * Each queueing function takes the topic a recipient may have turned
 * off (mail_optout: "replies", "status", "incidents"); NULL is mail
 * nobody can turn off.
 */

/* The topics a user may turn off (mail_optout), as Account settings
 * shows them; security mail has none. */
extern const char *const outbox_topics[];
extern const size_t outbox_ntopics;
const char	*valid_mail_topic(struct field *);

/* An operator's public event on a request, to the partner's contact. */
int	 outbox_request_event(int64_t request_id, int64_t event_id,
	    const char *topic);
/* A partner's event on a request, to its assignee; unassigned, to the
 * support queue's address, or every support agent while none is set. */
int	 outbox_operator_event(int64_t request_id, int64_t event_id,
	    const char *topic);
/* A new request, to the support queue as above. */
int	 outbox_new_request(int64_t request_id);
/* An incident's update, to the contacts of its open linked requests. */
int	 outbox_incident_update(int64_t incident_id, int64_t update_id);
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
