<?xml version="1.0" encoding="UTF-8"?>
<!-- Users: the list a manager sees (the operator admin every user, a
     partner's global admin its own partner's) with the invitation form,
     and one user's page with its role and deactivation.  Which roles
     may be given, and to whom, comes in the model (users.c). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="member"><xsl:value-of select="member/name"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.users'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:apply-templates select="users | member"/>
  </xsl:template>

  <xsl:template name="role">
    <xsl:param name="role" select="@role"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('role.', $role)"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="state">
    <xsl:choose>
      <xsl:when test="@active = 'no'"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.inactive'"/></xsl:call-template></xsl:when>
      <xsl:when test="@password = 'none'"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.invited'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'users.active'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="users">
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.users'"/></xsl:call-template></h1>
    <form method="get" action="{@base}" class="filters">
      <xsl:if test="invite/partners">
        <label for="filter-partner"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.partner'"/></xsl:call-template></label>
        <select id="filter-partner" name="partner">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'users.everybody'"/></xsl:call-template></option>
          <xsl:variable name="shown" select="@partner"/>
          <xsl:for-each select="invite/partners/partner">
            <option value="{@id}">
              <xsl:if test="@id = $shown"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
      </xsl:if>
      <label for="filter-q"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.filter_email'"/></xsl:call-template></label>
      <input type="search" id="filter-q" name="q" value="{@q}" maxlength="200"/>
      <button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.show'"/></xsl:call-template></button>
    </form>
    <p class="count"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.total'"/></xsl:call-template><xsl:value-of select="concat(' ', @total)"/></p>
    <table class="users">
      <thead>
        <tr>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.name'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.role'"/></xsl:call-template></th>
          <xsl:if test="invite/partners">
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.partner'"/></xsl:call-template></th>
          </xsl:if>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'users.state'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="member">
          <tr>
            <xsl:if test="@active = 'no'"><xsl:attribute name="class">inactive</xsl:attribute></xsl:if>
            <td><a href="{../@base}/{@id}"><xsl:value-of select="name"/></a></td>
            <td><xsl:value-of select="email"/></td>
            <td><xsl:call-template name="role"/></td>
            <xsl:if test="../invite/partners">
              <td>
                <xsl:choose>
                  <xsl:when test="partner"><xsl:value-of select="partner"/></xsl:when>
                  <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'users.operator'"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </td>
            </xsl:if>
            <td><xsl:call-template name="state"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:call-template name="pager"><xsl:with-param name="p" select="pager"/></xsl:call-template>
    <xsl:apply-templates select="invite"/>
  </xsl:template>

  <xsl:template match="invite">
    <section class="invite">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'users.invite'"/></xsl:call-template></h2>
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.invite_hint'"/></xsl:call-template></p>
      <form method="post" action="{../@base}">
        <xsl:call-template name="csrf-field"/>
        <p class="field">
          <label for="email"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></label>
          <input type="email" id="email" name="email" value="{email}" required="required" maxlength="200" autocomplete="off"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'email'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="name"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.name'"/></xsl:call-template></label>
          <input type="text" id="name" name="name" value="{name}" required="required" maxlength="200" autocomplete="off"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'name'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="role"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.role'"/></xsl:call-template></label>
          <xsl:call-template name="role-select"><xsl:with-param name="chosen" select="role"/><xsl:with-param name="new" select="true()"/></xsl:call-template>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'role'"/></xsl:call-template>
        </p>
        <xsl:if test="partners">
          <p class="field">
            <label for="partner"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.partner'"/></xsl:call-template></label>
            <select id="partner" name="partner">
              <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'users.operator'"/></xsl:call-template></option>
              <xsl:variable name="chosen" select="partner"/>
              <xsl:for-each select="partners/partner">
                <option value="{@id}">
                  <xsl:if test="@id = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                  <xsl:value-of select="."/>
                </option>
              </xsl:for-each>
            </select>
            <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'partner'"/></xsl:call-template>
          </p>
        </xsl:if>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.send'"/></xsl:call-template></button></p>
      </form>
    </section>
  </xsl:template>

  <!-- A select of the roles the model offers (roles/role), chosen
       selected; a new user's starts with none. -->
  <xsl:template name="role-select">
    <xsl:param name="chosen"/>
    <xsl:param name="new" select="false()"/>
    <select id="role" name="role">
      <xsl:if test="$new">
        <xsl:attribute name="required">required</xsl:attribute>
        <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'users.choose_role'"/></xsl:call-template></option>
      </xsl:if>
      <xsl:for-each select="roles/role">
        <option value="{.}">
          <xsl:if test=". = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
          <xsl:call-template name="role"><xsl:with-param name="role" select="."/></xsl:call-template>
        </option>
      </xsl:for-each>
    </select>
  </xsl:template>

  <xsl:template match="member">
    <h1><xsl:value-of select="name"/></h1>
    <dl class="member">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="email"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.role'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="role"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.partner'"/></xsl:call-template></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="partner"><xsl:value-of select="partner"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'users.operator'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'users.state'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="state"/></dd>
    </dl>
    <xsl:if test="roles">
      <form method="post" action="{@base}/{@id}/role">
        <xsl:call-template name="csrf-field"/>
        <p class="field">
          <label for="role"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.role'"/></xsl:call-template></label>
          <xsl:call-template name="role-select"><xsl:with-param name="chosen" select="@role"/></xsl:call-template>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'role'"/></xsl:call-template>
        </p>
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.role_hint'"/></xsl:call-template></p>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.change_role'"/></xsl:call-template></button></p>
      </form>
    </xsl:if>
    <!-- The steps of the user's life the reader may take now. -->
    <xsl:for-each select="may">
      <form method="post" action="{../@base}/{../@id}/{@action}">
        <xsl:call-template name="csrf-field"/>
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('users.step_hint.', @action)"/></xsl:call-template></p>
        <p><button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('users.step.', @action)"/></xsl:call-template></button></p>
      </form>
    </xsl:for-each>
    <p><a href="{@base}"><xsl:call-template name="t"><xsl:with-param name="k" select="'users.back'"/></xsl:call-template></a></p>
  </xsl:template>
</xsl:stylesheet>
