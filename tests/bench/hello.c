/*
 * The benchmark's baseline: a FastCGI responder that does nothing but
 * answer, with the request loop of lib/app.c (FCGX_Accept_r on the
 * socket pdsupervise hands over as standard input).  Behind the same
 * nginx in the same run, its requests per second are what nginx,
 * FastCGI and the machine's load allow at all; tests/bench/run gives
 * each page's figure as a fraction of it.
 */
#include <fcgiapp.h>

int
main(void)
{
	FCGX_Request	 f;

	if (FCGX_Init() != 0 || FCGX_InitRequest(&f, 0, 0) != 0)
		return 1;
	while (FCGX_Accept_r(&f) >= 0) {
		FCGX_PutS("Status: 200 OK\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n"
		    "Cache-Control: no-store\r\n"
		    "Content-Length: 6\r\n\r\n"
		    "hello\n", f.out);
		FCGX_Finish_r(&f);
	}
	return 0;
}
