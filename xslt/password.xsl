<?xml version="1.0" encoding="UTF-8"?>
<!-- Passwords: changing one's own (signed in), setting one through an
     invitation's or a reset's link, and asking for a reset link.  The
     public forms carry their own CSRF token (@csrf). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:apply-templates select="password-change | password-set | password-reset" mode="title"/>
  </xsl:template>
  <xsl:template match="password-change" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'password.change_title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="password-set" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'password.set_title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="password-reset" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'password.reset_title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <section class="login">
      <h1><xsl:apply-templates select="." mode="title"/></h1>
      <xsl:apply-templates select="password-change | password-set | password-reset"/>
    </section>
  </xsl:template>

  <xsl:template name="public-csrf">
    <input type="hidden" name="csrf" value="{@csrf}"/>
  </xsl:template>

  <xsl:template name="new-password">
    <p class="field">
      <label for="password"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.new'"/></xsl:call-template></label>
      <input type="password" id="password" name="password" required="required" minlength="12"
          autocomplete="new-password" aria-describedby="password-rule"/>
      <span class="hint" id="password-rule"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.rule'"/></xsl:call-template></span>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'password'"/></xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template match="password-change">
    <xsl:if test="@done = 'yes'">
      <p class="notice success" role="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.changed'"/></xsl:call-template></p>
    </xsl:if>
    <form method="post" action="/account/password">
      <xsl:call-template name="csrf-field"/>
      <p class="field">
        <label for="current"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.current'"/></xsl:call-template></label>
        <input type="password" id="current" name="current" required="required" autocomplete="current-password"/>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'current'"/></xsl:call-template>
      </p>
      <xsl:call-template name="new-password"/>
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.others_out'"/></xsl:call-template></p>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.change'"/></xsl:call-template></button></p>
    </form>
    <p><a href="/account"><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.account'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template match="password-set">
    <xsl:choose>
      <xsl:when test="@done = 'yes'">
        <p class="notice success" role="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.set_done'"/></xsl:call-template></p>
        <p><a href="/login"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.sign_in'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:when test="@link = 'invalid'">
        <p class="notice error" role="alert"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.invalid'"/></xsl:call-template></p>
        <p><a href="/password/reset"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.ask_new'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:otherwise>
        <form method="post" action="/password/set">
          <xsl:call-template name="public-csrf"/>
          <input type="hidden" name="token" value="{token}"/>
          <xsl:call-template name="new-password"/>
          <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.save'"/></xsl:call-template></button></p>
        </form>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="password-reset">
    <xsl:choose>
      <xsl:when test="@done = 'yes'">
        <p class="notice success" role="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.reset_sent'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.reset_hint'"/></xsl:call-template></p>
        <form method="post" action="/password/reset">
          <xsl:call-template name="public-csrf"/>
          <p class="field">
            <label for="email"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></label>
            <input type="email" id="email" name="email" value="{email}" required="required" autocomplete="username" maxlength="200"/>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'email'"/></xsl:call-template>
          </p>
          <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.send'"/></xsl:call-template></button></p>
        </form>
      </xsl:otherwise>
    </xsl:choose>
    <p><a href="/login"><xsl:call-template name="t"><xsl:with-param name="k" select="'password.sign_in'"/></xsl:call-template></a></p>
  </xsl:template>
</xsl:stylesheet>
