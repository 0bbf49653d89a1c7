"""A paste filter for nova-api under noauth2 (.ci/nova): put the request's X-Auth-Token into the
request context. nova's noauth2 middleware builds a context without a token, and nova-api's image
lookup then fails ("No valid authentication is available"); with keystone the token would be there.
It then travels in RPC messages as _context_auth_token, as in a real deployment. Never logged."""
import webob.dec


class TokenContext(object):
    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify
    def __call__(self, req):
        ctx = req.environ.get("nova.context")
        token = req.headers.get("X-Auth-Token")
        if ctx is not None and token and not getattr(ctx, "auth_token", None):
            ctx.auth_token = token
        return req.get_response(self.application)


def filter_factory(global_conf, **local_conf):
    return TokenContext
